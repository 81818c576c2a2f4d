package io.flashback.events.orchestrator;

import java.time.Instant;
import java.util.UUID;

/** The provider declined an agreement; nothing was reserved for it. */
public record AgreementRejected(UUID eventId, Instant occurredAt, UUID agreementId, UUID orderId, UUID consumerId, UUID providerId,
                                UUID dataUnitId, String reason) implements OrchestratorEvent {

    @Override
    public String aggregateId() {
        return agreementId.toString();
    }
}
