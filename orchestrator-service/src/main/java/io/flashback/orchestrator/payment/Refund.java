package io.flashback.orchestrator.payment;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * An SLA credit paid back to the consumer through the payment provider that took the invoice: PENDING when the
 * ledger moved it out of the consumer's balance into refunds in transit, SENT once the provider took the request
 * (under {@code providerReference}), then COMPLETED or FAILED as the provider's webhook says; a failed refund's
 * money goes back to the consumer's balance.
 *
 * @param epoch the epoch whose credit this is; one refund per agreement and epoch
 */
public record Refund(UUID id, UUID agreementId, long epoch, UUID consumerId, UUID invoiceId, String provider, String invoiceReference,
                     Money amount, String reason, State state, Optional<String> providerReference, Instant createdAt,
                     Optional<Instant> closedAt, Optional<String> failure) {

    public enum State { PENDING, SENT, COMPLETED, FAILED }

    public Refund {
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("a refund is of a positive amount");
        }
        if ((state == State.PENDING) == providerReference.isPresent()) {
            throw new IllegalArgumentException("a refund has a provider reference once it is sent");
        }
    }

    public static Refund requested(FiatAgreement agreement, Invoice invoice, long epoch, Money amount, String reason, Instant at) {
        return new Refund(UUID.randomUUID(), agreement.agreementId(), epoch, agreement.consumerId(), invoice.id(), invoice.provider(),
                invoice.reference(), amount, reason, State.PENDING, Optional.empty(), at, Optional.empty(), Optional.empty());
    }

    public Refund sent(String reference) {
        require(State.PENDING, "sent");
        return new Refund(id, agreementId, epoch, consumerId, invoiceId, provider, invoiceReference, amount, reason, State.SENT,
                Optional.of(reference), createdAt, closedAt, failure);
    }

    public Refund completed(Instant at) {
        require(State.SENT, "completed");
        return new Refund(id, agreementId, epoch, consumerId, invoiceId, provider, invoiceReference, amount, reason, State.COMPLETED,
                providerReference, createdAt, Optional.of(at), failure);
    }

    public Refund failed(String why, Instant at) {
        require(State.SENT, "failed");
        return new Refund(id, agreementId, epoch, consumerId, invoiceId, provider, invoiceReference, amount, reason, State.FAILED,
                providerReference, createdAt, Optional.of(at), Optional.of(why));
    }

    private void require(State expected, String what) {
        if (state != expected) {
            throw new IllegalStateException("refund " + id + " is " + state + " and cannot be " + what);
        }
    }
}
