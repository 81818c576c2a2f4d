package io.flashback.marketplace.search;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One Data Unit as search shows it.
 *
 * @param certificationTier the tier its node is certified at now (GOLD, SILVER, BRONZE), null when it is not
 * @param certifiedUntil    when that certification ends, null when there is none
 */
public record Listing(UUID id, UUID providerId, String nodeId, String state, String region, String country, List<String> apis,
                      long freeBytes, String currency, BigDecimal pricePerGbMonth, BigDecimal egressPricePerGb,
                      BigDecimal referencePricePerGbMonth, BigDecimal availabilityPct, int latencyMs, int effectiveLatencyMs,
                      int uploadMbps, int downloadMbps, BigDecimal rating, int minTermDays, int maxTermDays,
                      List<String> paymentMethods, boolean encryptionAtRest, boolean versioning, String certificationTier,
                      Instant certifiedUntil) {
}
