package io.flashback.chain;

import java.util.List;

/**
 * Availability below {@code belowPpm} (parts per million: 999_000 = 99.9 %) gives back
 * {@code creditBps} (basis points) of the epoch payment to the consumer.
 */
public record CreditTier(int belowPpm, int creditBps) {

    /** AWS S3 Standard's tiers: below 99.9 % → 10 %, below 99 % → 25 %, below 95 % → 100 %. */
    public static final List<CreditTier> AWS_LIKE = List.of(
            new CreditTier(999_000, 1_000), new CreditTier(990_000, 2_500), new CreditTier(950_000, 10_000));

    public CreditTier {
        if (belowPpm <= 0 || belowPpm > 1_000_000 || creditBps <= 0 || creditBps > 10_000) {
            throw new IllegalArgumentException("credit tier out of range: " + belowPpm + " ppm → " + creditBps + " bps");
        }
    }
}
