package io.flashback.monitor.reputation;

/**
 * How far a measured availability beat or missed its target, relative to the error budget the target
 * allows — the way cloud SLOs are compared: target 99.9 % leaves 0.1 % of errors; 99.95 % measured used
 * half of it (margin +0.5), 99.8 % used twice of it (margin −1).
 */
public final class ErrorBudget {

    private ErrorBudget() {
    }

    /** {@code (allowed − measured errors) ÷ allowed}; a 100 % target has no budget: 0 when met, −1 when missed. */
    public static double margin(double targetPct, double measuredPct) {
        double allowed = 100.0 - targetPct;
        double errors = 100.0 - measuredPct;
        if (allowed <= 0) {
            return errors <= 0 ? 0 : -1;
        }
        return (allowed - errors) / allowed;
    }
}
