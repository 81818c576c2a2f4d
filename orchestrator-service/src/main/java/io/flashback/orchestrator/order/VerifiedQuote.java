package io.flashback.orchestrator.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A marketplace quote whose signature and expiry have been checked. */
public record VerifiedQuote(UUID id, List<Line> lines, long capacityBytes, int termDays, String currency, BigDecimal total,
                            Instant expiresAt) {

    /** One replica: the unit, its provider and node, the QoS it offers, and its price in the quote's currency. */
    public record Line(UUID dataUnitId, UUID providerId, String nodeId, BigDecimal availabilityPct, int latencyMs, int uploadMbps,
                       int downloadMbps, int errorRatePpm, BigDecimal subtotal) {
    }
}
