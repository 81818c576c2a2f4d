package io.flashback.orchestrator.payment;

import io.flashback.events.orchestrator.AgreementFundsLow;
import io.flashback.events.outbox.Outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Tells the consumer, once per crossing, that an agreement's reserve pays for fewer epochs than the threshold
 * ({@link FiatAgreement#fundsCheck}): {@code AgreementFundsLow} on {@code flashback.orchestrator.v1} and the mark the
 * agreement view shows. Runs in the transaction that changed the reserve.
 */
public final class WarnOfLowFunds {

    private final FiatAgreements fiatAgreements;
    private final Outbox outbox;
    private final int thresholdEpochs;
    private final Clock clock;

    public WarnOfLowFunds(FiatAgreements fiatAgreements, Outbox outbox, int thresholdEpochs, Clock clock) {
        this.fiatAgreements = fiatAgreements;
        this.outbox = outbox;
        this.thresholdEpochs = thresholdEpochs;
        this.clock = clock;
    }

    public void check(FiatAgreement agreement, Money remaining, int settledEpochs) {
        switch (agreement.fundsCheck(remaining, settledEpochs, thresholdEpochs)) {
            case FiatAgreement.RunningLow low -> {
                Instant now = clock.instant();
                fiatAgreements.fundsLow(agreement.agreementId(), Optional.of(now));
                outbox.publish(new AgreementFundsLow(UUID.randomUUID(), now, agreement.agreementId(), agreement.orderId(), agreement.consumerId(),
                        agreement.providerId(), agreement.currency(), remaining.amount(), low.pricePerEpoch().amount(), low.epochsCovered(),
                        thresholdEpochs, low.fundedUntil(), low.reason()));
            }
            case FiatAgreement.Recovered recovered -> fiatAgreements.fundsLow(agreement.agreementId(), Optional.empty());
            case FiatAgreement.Unchanged unchanged -> {
                // warned already, or not low
            }
        }
    }
}
