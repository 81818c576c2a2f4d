package io.flashback.events.orchestrator;

import io.flashback.events.IntegrationEvent;

/**
 * Events orchestrator-service publishes on {@link io.flashback.events.Topics#ORCHESTRATOR}: one per
 * move of an agreement's state machine, keyed by the agreement id so one agreement's moves stay in
 * order. Ids: {@code agreementId} is the orchestrator's UUID (also the escrow {@code reference},
 * left-aligned in bytes32); {@code escrowAgreementId} the escrow's number (decimal uint256).
 */
public sealed interface OrchestratorEvent extends IntegrationEvent
        permits AgreementRequested, AgreementAccepted, AgreementRejected, AgreementFunded, AgreementActivated, AgreementEnded,
        AgreementFundsLow {
}
