package io.flashback.marketplace.quote;

import java.math.BigDecimal;
import java.util.UUID;

/** The price of one replica on one Data Unit, in the quote's currency. */
public record QuoteLine(UUID dataUnitId, UUID providerId, String nodeId, String region, String unitCurrency,
                        BigDecimal storage, BigDecimal egress, BigDecimal subtotal) {
}
