package io.flashback.events.orchestrator;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * The provider locked its collateral on chain and the consumer's data-access grant is issued: the
 * agreement runs from {@code startEpoch} for {@code epochs} epochs and the oracle judges it by these
 * terms.
 *
 * @param creditTiers availability threshold and credit in percent, strictest first:
 *                    {@code "99.9:10,99.0:25,95.0:100"} (empty for none)
 * @param slashBelowPct availability below which collateral is slashed (empty for never)
 */
public record AgreementActivated(UUID eventId, Instant occurredAt, UUID agreementId, String escrow, String escrowAgreementId,
                                 UUID consumerId, UUID providerId, UUID dataUnitId, String nodeId, long capacityBytes, int termDays,
                                 long startEpoch, int epochs, BigDecimal availabilityTargetPct, int averageLatencyMs, int uploadMbps,
                                 int downloadMbps, int errorRatePpm, BigDecimal auditPassRatePct, long epochSeconds, String creditTiers,
                                 String slashBelowPct, UUID grantId, String reason) implements OrchestratorEvent {

    @Override
    public String aggregateId() {
        return agreementId.toString();
    }
}
