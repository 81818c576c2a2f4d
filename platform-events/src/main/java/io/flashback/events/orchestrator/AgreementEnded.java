package io.flashback.events.orchestrator;

import java.time.Instant;
import java.util.UUID;

/**
 * An agreement ended: COMPLETED, TERMINATED_BY_CONSUMER, BREACHED_BY_PROVIDER or
 * BREACHED_BY_CONSUMER. When {@code capacityReleased} is true the marketplace releases the
 * {@code capacityBytes} it reserved on {@code dataUnitId}; any data-access grant is revoked.
 *
 * @param escrowAgreementId empty when the agreement never reached the escrow
 */
public record AgreementEnded(UUID eventId, Instant occurredAt, UUID agreementId, UUID orderId, String escrowAgreementId,
                             UUID consumerId, UUID providerId, UUID dataUnitId, String nodeId, long capacityBytes, String endState,
                             String previousState, boolean capacityReleased, String reason) implements OrchestratorEvent {

    @Override
    public String aggregateId() {
        return agreementId.toString();
    }
}
