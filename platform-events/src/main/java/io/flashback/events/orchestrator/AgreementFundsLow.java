package io.flashback.events.orchestrator;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * What is left of a fiat agreement's prepaid reserve pays for fewer epochs than the warning threshold: the
 * agreement runs out of funds at {@code fundedUntil} unless the consumer pays more. Published once each time the
 * reserve falls below the threshold, not per epoch.
 *
 * @param remaining       what is left in the agreement's reserve, in {@code currency}
 * @param pricePerEpoch   what one epoch takes from the reserve
 * @param epochsCovered   whole epochs {@code remaining} pays for
 * @param thresholdEpochs the warning threshold ({@code flashback.orchestrator.payments.low-funds-epochs})
 * @param fundedUntil     the end of the last epoch the reserve pays for
 */
public record AgreementFundsLow(UUID eventId, Instant occurredAt, UUID agreementId, UUID orderId, UUID consumerId, UUID providerId,
                                String currency, BigDecimal remaining, BigDecimal pricePerEpoch, int epochsCovered, int thresholdEpochs,
                                Instant fundedUntil, String reason) implements OrchestratorEvent {

    @Override
    public String aggregateId() {
        return agreementId.toString();
    }
}
