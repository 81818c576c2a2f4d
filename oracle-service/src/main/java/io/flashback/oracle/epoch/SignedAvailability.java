package io.flashback.oracle.epoch;

import io.flashback.oracle.evaluation.Terms;
import io.flashback.oracle.evaluation.Verdict;

import java.util.EnumSet;

/**
 * The one number the escrow judges by: availability in parts per million. SlaEscrow pays credits and
 * slashes by availability alone, so the other terms are folded into it here.
 * <p>
 * Rule: start from the measured availability (rounded to the nearest ppm). If any other term is
 * breached (latency, a throughput floor, the audit pass rate), cap the value 1 ppm below the mildest
 * credit tier's threshold: the consumer gets at least the mildest credit for a breached term, and
 * never a slash unless availability itself is that bad — a slow or unaudited epoch is a breach of
 * service, not a loss of data. With no credit tiers a non-availability breach changes nothing on
 * chain (there is nothing to pay back), though the verdict still says BREACHED.
 */
public final class SignedAvailability {

    private static final EnumSet<Verdict.Breach> FOLDED = EnumSet.of(Verdict.Breach.LATENCY, Verdict.Breach.UPLOAD_THROUGHPUT,
            Verdict.Breach.DOWNLOAD_THROUGHPUT, Verdict.Breach.AUDITS);

    private SignedAvailability() {
    }

    public static int measuredPpm(Verdict verdict) {
        long ppm = Math.round(verdict.availabilityPct() * 10_000);
        return (int) Math.max(0, Math.min(1_000_000, ppm));
    }

    public static int ppm(Terms terms, Verdict verdict) {
        int measured = measuredPpm(verdict);
        boolean otherBreach = verdict.breaches().stream().anyMatch(FOLDED::contains);
        if (!otherBreach || terms.creditTiers().isEmpty()) {
            return measured;
        }
        // Terms sorts its tiers by descending threshold: the first is the mildest credit
        int mildestThresholdPpm = (int) Math.round(terms.creditTiers().getFirst().belowAvailabilityPct() * 10_000);
        return Math.min(measured, Math.max(0, mildestThresholdPpm - 1));
    }
}
