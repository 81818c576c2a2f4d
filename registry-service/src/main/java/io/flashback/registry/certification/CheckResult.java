package io.flashback.registry.certification;

/**
 * One check of a certification run, as the node's provider is shown it.
 *
 * @param check  what was checked ({@code credentials}, {@code put}, {@code get}, {@code list}, {@code multipart},
 *               {@code delete}, {@code bad-signature}, {@code latency}, {@code upload-throughput},
 *               {@code download-throughput})
 * @param detail what happened, in words a provider can act on
 * @param value  the measurement, for the checks that measure ({@code null} otherwise)
 * @param unit   the measurement's unit ({@code ms}, {@code bytes/s})
 */
public record CheckResult(String check, boolean passed, String detail, Double value, String unit) {

    static CheckResult passed(String check, String detail) {
        return new CheckResult(check, true, detail, null, null);
    }

    static CheckResult failed(String check, String detail) {
        return new CheckResult(check, false, detail, null, null);
    }

    static CheckResult measured(String check, boolean passed, String detail, double value, String unit) {
        return new CheckResult(check, passed, detail, value, unit);
    }

    /** {@code check: detail}, as failure reasons are listed. */
    String reason() {
        return check + ": " + detail;
    }
}
