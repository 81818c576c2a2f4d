package io.flashback.events.orchestrator;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * The consumer paid the whole term into the escrow, with the token and amounts the orchestrator
 * expected (checked against the escrow's own record of the agreement).
 *
 * @param amount the total paid, in the token's smallest unit
 */
public record AgreementFunded(UUID eventId, Instant occurredAt, UUID agreementId, String escrow, String escrowAgreementId,
                              UUID consumerId, UUID providerId, UUID dataUnitId, String nodeId, String consumerWallet, String token,
                              BigDecimal amount, long startEpoch, int epochs, String reason) implements OrchestratorEvent {

    @Override
    public String aggregateId() {
        return agreementId.toString();
    }
}
