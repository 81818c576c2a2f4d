package io.flashback.marketplace.dataunit;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A storage offer on one of a provider's bridge nodes.
 *
 * @param listed            offered in search and quotes: its state sells capacity and its node is active
 * @param pricePerGbMonth   price of one GB stored for a month, in {@code currency}
 * @param egressPricePerGb  price of one GB read out, in {@code currency}
 * @param paymentMethods    accepted ways to pay, e.g. {@code evm:31337:USDC} or {@code fiat:USD}
 * @param rating            0–100 reputation of the unit (50 until measured)
 * @param measuredLatencyMs average latency the monitor measured, or null
 */
public record DataUnit(UUID id, UUID providerId, String nodeId, DataUnitState state, boolean listed, long capacityBytes, long reservedBytes,
                       String currency, BigDecimal pricePerGbMonth, BigDecimal egressPricePerGb, String region, String country,
                       Set<Api> apis, OfferedQos qos, int minTermDays, int maxTermDays, List<String> paymentMethods,
                       boolean encryptionAtRest, boolean versioning, BigDecimal rating, Integer measuredLatencyMs,
                       Instant createdAt, Instant updatedAt, long version) {

    public long freeBytes() {
        return capacityBytes - reservedBytes;
    }

    public int effectiveLatencyMs() {
        return measuredLatencyMs != null ? measuredLatencyMs : qos.latencyMs();
    }
}
