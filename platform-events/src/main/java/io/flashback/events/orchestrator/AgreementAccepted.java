package io.flashback.events.orchestrator;

import java.time.Instant;
import java.util.UUID;

/**
 * The provider accepted an agreement (its rules or its decision): the marketplace reserves
 * {@code capacityBytes} on {@code dataUnitId} until the agreement ends ({@link AgreementEnded}).
 */
public record AgreementAccepted(UUID eventId, Instant occurredAt, UUID agreementId, UUID orderId, UUID consumerId, UUID providerId,
                                UUID dataUnitId, String nodeId, long capacityBytes, int termDays, String reason) implements OrchestratorEvent {

    @Override
    public String aggregateId() {
        return agreementId.toString();
    }
}
