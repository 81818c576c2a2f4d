package io.flashback.events.orchestrator;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A consumer asked for an agreement on a data unit (one per replica of an order); the provider decides next. */
public record AgreementRequested(UUID eventId, Instant occurredAt, UUID agreementId, UUID orderId, UUID consumerId, UUID providerId,
                                 UUID dataUnitId, String nodeId, long capacityBytes, int termDays, String currency, BigDecimal price,
                                 String reason) implements OrchestratorEvent {

    @Override
    public String aggregateId() {
        return agreementId.toString();
    }
}
