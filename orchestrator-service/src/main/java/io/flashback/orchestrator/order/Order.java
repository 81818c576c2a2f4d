package io.flashback.orchestrator.order;

import io.flashback.orchestrator.agreement.Agreement;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the consumer sees as one purchase: the R agreements bought from one quote. */
public record Order(UUID id, UUID consumerId, UUID quoteId, String currency, BigDecimal total, String paymentMethod,
                    Instant createdAt, List<Agreement> agreements) {
}
