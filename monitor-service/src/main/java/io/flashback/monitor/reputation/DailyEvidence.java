package io.flashback.monitor.reputation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which evidence judges a day, and how. SLA verdicts first: with k of n validators each agreement's
 * epoch may have several; the majority decides it (a tie counts as BREACHED — the consumer is not
 * asked to trust a split panel) and its margin is the mean of theirs. The day is MET when every
 * agreement-epoch on it was, with the worst margin among them. A day no verdict covers is judged by
 * the platform's probes, if there were enough of them, against the configured availability target.
 * Reporting punctuality comes with the verdicts (the oracle notes when the node's batches arrived): a day with a
 * late-reported epoch was reported LATE, one whose reported epochs all came on time ON_TIME; a day judged by probes
 * alone, or whose epochs had no reports, leaves it {@link DailyOutcome.Reporting#UNKNOWN}.
 */
public final class DailyEvidence {

    /**
     * @param probeAvailabilityTargetPct availability the probes must see on a day judged by them
     * @param minimumDailyProbes         probes a day needs before probes may judge it
     */
    public record Rules(double probeAvailabilityTargetPct, int minimumDailyProbes) {
    }

    private DailyEvidence() {
    }

    /** The outcome of every day that has evidence, by day. */
    public static Map<LocalDate, DailyOutcome> outcomes(Collection<VerdictRecord> verdicts, Collection<ProbeDay> probes, Rules rules) {
        Map<LocalDate, DailyOutcome> outcomes = new TreeMap<>();
        for (ProbeDay day : probes) {
            if (day.probes() >= rules.minimumDailyProbes()) {
                double availability = 100.0 * day.available() / day.probes();
                outcomes.put(day.day(), new DailyOutcome(day.day(), DailyOutcome.Reporting.UNKNOWN,
                        availability >= rules.probeAvailabilityTargetPct(), ErrorBudget.margin(rules.probeAvailabilityTargetPct(), availability),
                        DailyOutcome.Evidence.PROBES));
            }
        }
        // verdicts overrule probes for the days they cover
        outcomes.putAll(byVerdicts(verdicts));
        return outcomes;
    }

    static Map<LocalDate, DailyOutcome> byVerdicts(Collection<VerdictRecord> verdicts) {
        record EpochKey(LocalDate day, String agreement, long epoch) {
        }
        Map<EpochKey, List<VerdictRecord>> byEpoch = new HashMap<>();
        for (VerdictRecord verdict : verdicts) {
            byEpoch.computeIfAbsent(new EpochKey(verdict.day(), verdict.agreement(), verdict.epoch()), key -> new ArrayList<>()).add(verdict);
        }
        Map<LocalDate, Boolean> met = new HashMap<>();
        Map<LocalDate, Double> worst = new HashMap<>();
        Map<LocalDate, DailyOutcome.Reporting> reporting = new HashMap<>();
        byEpoch.forEach((key, panel) -> {
            long ayes = panel.stream().filter(VerdictRecord::met).count();
            boolean epochMet = ayes * 2 > panel.size();
            double margin = panel.stream().mapToDouble(v -> ErrorBudget.margin(v.targetPct(), v.measuredAvailabilityPct())).average().orElse(0);
            met.merge(key.day(), epochMet, Boolean::logicalAnd);
            panel.forEach(verdict -> reporting.merge(key.day(), verdict.reporting(), DailyEvidence::worse));
            worst.merge(key.day(), margin, Math::min);
        });
        Map<LocalDate, DailyOutcome> outcomes = new TreeMap<>();
        met.forEach((day, allMet) -> outcomes.put(day,
                new DailyOutcome(day, reporting.getOrDefault(day, DailyOutcome.Reporting.UNKNOWN), allMet, worst.get(day),
                        DailyOutcome.Evidence.SLA_VERDICTS)));
        return outcomes;
    }

    /** LATE beats ON_TIME beats UNKNOWN: one late epoch makes the day late. */
    private static DailyOutcome.Reporting worse(DailyOutcome.Reporting a, DailyOutcome.Reporting b) {
        if (a == DailyOutcome.Reporting.LATE || b == DailyOutcome.Reporting.LATE) {
            return DailyOutcome.Reporting.LATE;
        }
        return a == DailyOutcome.Reporting.ON_TIME || b == DailyOutcome.Reporting.ON_TIME ? DailyOutcome.Reporting.ON_TIME
                : DailyOutcome.Reporting.UNKNOWN;
    }

    /** The running day so far, for warnings: the same rules on what is known now. */
    public static Optional<DailyOutcome> soFar(LocalDate day, Collection<VerdictRecord> verdicts, Collection<ProbeDay> probes, Rules rules) {
        return Optional.ofNullable(outcomes(verdicts, probes, rules).get(day));
    }
}
