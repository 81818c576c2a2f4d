package io.flashback.orchestrator.payment;

import java.time.Instant;
import java.util.UUID;

/** One epoch of a fiat agreement drawn from its reserve, by the first verdict on it that arrived. */
public record EpochSettlement(UUID agreementId, FiatAgreement.EpochSplit split, UUID verdictEventId, Instant settledAt) {
}
