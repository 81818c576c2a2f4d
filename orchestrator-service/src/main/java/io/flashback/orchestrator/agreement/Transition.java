package io.flashback.orchestrator.agreement;

import java.time.Instant;

/** One recorded move of an agreement, with why it happened. */
public record Transition(AgreementId agreementId, AgreementState from, AgreementState to, String reason, Instant at) {
}
