package io.flashback.marketplace.quote;

import io.flashback.marketplace.dataunit.OfferedQos;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * The price of one replica on one Data Unit, in the quote's currency, with the quality of service
 * the unit offers — the SLA terms an agreement on this line will be held to.
 */
public record QuoteLine(UUID dataUnitId, UUID providerId, String nodeId, String region, String unitCurrency, OfferedQos qos,
                        BigDecimal storage, BigDecimal egress, BigDecimal subtotal) {
}
