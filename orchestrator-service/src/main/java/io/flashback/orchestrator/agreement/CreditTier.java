package io.flashback.orchestrator.agreement;

import java.math.BigDecimal;

/**
 * Availability below {@code belowAvailabilityPct} in an epoch gives {@code creditPct} of that
 * epoch's payment back to the consumer (AWS S3's shape: below 99.9 % → 10 %, below 99 % → 25 %,
 * below 95 % → 100 %).
 */
public record CreditTier(BigDecimal belowAvailabilityPct, BigDecimal creditPct) {

    public CreditTier {
        if (belowAvailabilityPct == null || belowAvailabilityPct.signum() <= 0 || belowAvailabilityPct.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new InvalidSlaTerms("a credit tier's availability threshold must be in (0, 100]");
        }
        if (creditPct == null || creditPct.signum() <= 0 || creditPct.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new InvalidSlaTerms("a credit tier's credit must be in (0, 100] percent");
        }
    }
}
