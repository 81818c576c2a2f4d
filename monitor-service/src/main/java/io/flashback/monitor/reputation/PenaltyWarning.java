package io.flashback.monitor.reputation;

import java.util.Optional;

/**
 * Users of rival networks ask first for warnings before penalties: when a unit's score would fall
 * below {@code threshold} if today ends as it is going, the provider hears it now, with the reasons.
 */
public final class PenaltyWarning {

    private PenaltyWarning() {
    }

    public record Warning(double current, double projected, double threshold, String reasons) {
    }

    public static Optional<Warning> check(Reputation reputation, DailyOutcome soFar, double threshold) {
        double projected = reputation.projected(soFar);
        if (projected >= threshold || reputation.score() < threshold) {
            return Optional.empty();
        }
        String reasons = String.join("; ", Reputation.changesFor(soFar).stream()
                .filter(change -> change.delta() < 0).map(Reputation.Change::reason).toList());
        return Optional.of(new Warning(reputation.score(), projected, threshold, reasons));
    }
}
