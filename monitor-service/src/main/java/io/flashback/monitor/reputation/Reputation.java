package io.flashback.monitor.reputation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A 0–100 reputation (Flashback's documented rules): it starts at 50; each day moves it by ±1 for
 * reporting on time or not (nothing while punctuality is unknown), ±2 for meeting the SLA or not, and
 * ±3 more for beating or missing it by more than 20 %; a day without verdicts is judged the same way
 * by the platform's probes against an availability target; without data it decays towards 50 by 10
 * points a month. Every change keeps its reason, so both sides can see why a score is what it is.
 */
public record Reputation(double score, LocalDate asOf, List<Change> history) {

    public static final double START = 50;
    public static final double DECAY_PER_DAY = 10.0 / 30;
    private static final int HISTORY_KEPT = 90;

    public record Change(LocalDate day, double delta, String reason) {
    }

    public static Reputation fresh(LocalDate day) {
        return new Reputation(START, day, List.of());
    }

    /** The score after a day with data. */
    public Reputation after(DailyOutcome outcome) {
        List<Change> changes = changesFor(outcome);
        double next = score;
        for (Change change : changes) {
            next += change.delta();
        }
        return with(clamp(next), outcome.day(), changes);
    }

    /** The score after {@code days} without data: closer to 50, never past it. */
    public Reputation decayed(LocalDate day, long days) {
        if (days <= 0 || score == START) {
            return new Reputation(score, day, history);
        }
        double distance = Math.abs(score - START);
        double step = Math.min(distance, DECAY_PER_DAY * days);
        double delta = score > START ? -step : step;
        return with(score + delta, day, List.of(new Change(day, delta, "no data for " + days + " day(s): decays toward 50")));
    }

    /** What tomorrow would do to the score if it went like {@code outcome} — for warnings before a penalty. */
    public double projected(DailyOutcome outcome) {
        return after(outcome).score();
    }

    static List<Change> changesFor(DailyOutcome outcome) {
        List<Change> changes = new ArrayList<>(3);
        switch (outcome.reporting()) {
            case ON_TIME -> changes.add(new Change(outcome.day(), 1, "metrics reported on time"));
            case LATE -> changes.add(new Change(outcome.day(), -1, "metrics reported late or not at all"));
            case UNKNOWN -> {
                // punctuality not known for the day: it neither helps nor hurts
            }
        }
        boolean byVerdicts = outcome.evidence() == DailyOutcome.Evidence.SLA_VERDICTS;
        String target = byVerdicts ? "the SLA" : "the availability target (probes)";
        changes.add(outcome.slaMet()
                ? new Change(outcome.day(), 2, byVerdicts ? "SLA met" : "probes met the availability target")
                : new Change(outcome.day(), -2, byVerdicts ? "SLA breached" : "probes below the availability target"));
        if (outcome.margin() > 0.20) {
            changes.add(new Change(outcome.day(), 3, "beat " + target + " by more than 20 %"));
        } else if (outcome.margin() < -0.20) {
            changes.add(new Change(outcome.day(), -3, "missed " + target + " by more than 20 %"));
        }
        return changes;
    }

    private Reputation with(double next, LocalDate day, List<Change> changes) {
        List<Change> kept = new ArrayList<>(history);
        kept.addAll(changes);
        if (kept.size() > HISTORY_KEPT) {
            kept = kept.subList(kept.size() - HISTORY_KEPT, kept.size());
        }
        return new Reputation(next, day, List.copyOf(kept));
    }

    private static double clamp(double value) {
        return Math.max(0, Math.min(100, value));
    }
}
