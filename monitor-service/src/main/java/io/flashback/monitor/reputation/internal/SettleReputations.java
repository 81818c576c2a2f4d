package io.flashback.monitor.reputation.internal;

import io.flashback.events.monitor.PenaltyWarningRaised;
import io.flashback.events.monitor.ReputationChanged;
import io.flashback.events.outbox.Outbox;
import io.flashback.monitor.Wire;
import io.flashback.monitor.metrics.ReputationGauges;
import io.flashback.monitor.reputation.DailyEvidence;
import io.flashback.monitor.reputation.DailyOutcome;
import io.flashback.monitor.reputation.PenaltyWarning;
import io.flashback.monitor.reputation.Reputation;
import io.flashback.monitor.reputation.ReputationDays;
import io.flashback.monitor.reputation.Subject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The daily reputation run: settles every subject up to the last closed day (a day closes {@code
 * settleDelay} after midnight UTC, so verdicts of its last epoch are in), publishing {@code
 * ReputationChanged} with the reasons; then checks the running day and publishes one {@code
 * PenaltyWarningRaised} per subject and day whose score would fall under the threshold if the day ended
 * now. One transaction and one advisory lock per subject: any number of instances may run it, a subject
 * is settled once per day.
 */
public final class SettleReputations {

    private static final Logger log = LoggerFactory.getLogger(SettleReputations.class);

    /**
     * @param settleDelay      how long after midnight (UTC) a day is closed
     * @param warningThreshold the score a warning protects
     * @param rules            how evidence judges a day
     */
    record Settings(Duration settleDelay, double warningThreshold, DailyEvidence.Rules rules) {
    }

    public record Run(List<ReputationChanged> changed, List<PenaltyWarningRaised> warned) {
    }

    private final JdbcReputations reputations;
    private final TransactionTemplate transactions;
    private final Outbox outbox;
    private final ReputationGauges gauges;
    private final Clock clock;
    private final Settings settings;

    SettleReputations(JdbcReputations reputations, TransactionTemplate transactions, Outbox outbox, ReputationGauges gauges, Clock clock,
                      Settings settings) {
        this.reputations = reputations;
        this.transactions = transactions;
        this.outbox = outbox;
        this.gauges = gauges;
        this.clock = clock;
        this.settings = settings;
    }

    public Run run() {
        Instant now = clock.instant();
        LocalDate closedThrough = LocalDate.ofInstant(now.minus(settings.settleDelay()), ZoneOffset.UTC).minusDays(1);
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<ReputationChanged> changed = new ArrayList<>();
        List<PenaltyWarningRaised> warned = new ArrayList<>();
        for (Subject subject : reputations.subjects()) {
            try {
                transactions.executeWithoutResult(status -> {
                    reputations.lock(subject);
                    settle(subject, closedThrough, now).ifPresent(changed::add);
                    warn(subject, today, now).ifPresent(warned::add);
                });
            } catch (RuntimeException e) {
                log.warn("reputation of {} not settled this run: {}", subject, e.toString());
            }
        }
        gauges.refresh(reputations.providerScores());
        return new Run(changed, warned);
    }

    private Optional<ReputationChanged> settle(Subject subject, LocalDate through, Instant now) {
        // a subject seen for the first time starts at 50 the day before the last closed day
        Reputation current = reputations.load(subject).orElseGet(() -> Reputation.fresh(through.minusDays(1)));
        if (!current.asOf().isBefore(through)) {
            return Optional.empty();
        }
        LocalDate from = current.asOf().plusDays(1);
        Map<LocalDate, DailyOutcome> outcomes = DailyEvidence.outcomes(reputations.verdicts(subject, from, through),
                reputations.probeDays(subject, from, through), settings.rules());
        ReputationDays.Settled settled = ReputationDays.settle(current, through, outcomes);
        reputations.save(subject, settled, now);
        if (!settled.moved()) {
            return Optional.empty();
        }
        ReputationChanged event = new ReputationChanged(UUID.randomUUID(), now, subject.kind().name(), subject.id(), through.toString(),
                Wire.score(settled.before().score()), Wire.score(settled.after().score()),
                settled.applied().stream().map(SettleReputations::describe).collect(Collectors.joining("; ")));
        outbox.publish(event);
        return Optional.of(event);
    }

    private Optional<PenaltyWarningRaised> warn(Subject subject, LocalDate today, Instant now) {
        Optional<DailyOutcome> soFar = DailyEvidence.soFar(today, reputations.verdicts(subject, today, today),
                reputations.probeDays(subject, today, today), settings.rules());
        if (soFar.isEmpty()) {
            return Optional.empty();
        }
        Reputation current = reputations.load(subject).orElseGet(() -> Reputation.fresh(today.minusDays(1)));
        return PenaltyWarning.check(current, soFar.get(), settings.warningThreshold())
                .filter(warning -> reputations.firstWarning(subject, today, warning, now))
                .map(warning -> {
                    PenaltyWarningRaised event = new PenaltyWarningRaised(UUID.randomUUID(), now, subject.kind().name(), subject.id(),
                            today.toString(), Wire.score(warning.current()), Wire.score(warning.projected()), Wire.score(warning.threshold()),
                            warning.reasons());
                    outbox.publish(event);
                    return event;
                });
    }

    private static String describe(Reputation.Change change) {
        double delta = change.delta();
        String signed = delta == Math.rint(delta) ? String.format(Locale.ROOT, "%+d", (long) delta) : String.format(Locale.ROOT, "%+.2f", delta);
        return change.day() + " " + signed + " " + change.reason();
    }
}
