package io.flashback.orchestrator.order;

import io.flashback.orchestrator.agreement.Agreement;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the consumer sees as one purchase: the R agreements bought from one quote. */
/**
 * @param consumerWallet the wallet that placed the order (lower-case 0x); only its escrow funding counts
 */
public record Order(UUID id, UUID consumerId, String consumerWallet, UUID quoteId, String currency, BigDecimal total, String paymentMethod,
                    Instant createdAt, List<Agreement> agreements) {
}
