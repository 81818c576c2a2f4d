package io.flashback.orchestrator.payment;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * What a consumer owes for a fiat order: the order's total in its currency, payable at the payment provider under
 * {@code reference}. Payments in the invoice's currency add up in {@code received}; the invoice is PAID once they
 * cover the amount, and only then does it fund the order's agreements.
 *
 * @param howToPay what the consumer does to pay, as the payment provider words it (a hosted page, a bank reference …)
 */
public record Invoice(UUID id, UUID orderId, UUID consumerId, Money amount, String provider, String reference, String howToPay, State state,
                      Money received, Instant createdAt, Optional<Instant> paidAt) {

    public enum State { OPEN, PAID }

    /** What one payment did to the invoice, and why in words the consumer's history shows. */
    public enum Outcome { PAID_IN_FULL, PARTIAL, WRONG_CURRENCY, ALREADY_PAID }

    public record Receipt(Invoice invoice, Outcome outcome, String reason) {

        /** Whether this payment is the one that makes the order's agreements funded. */
        public boolean funds() {
            return outcome == Outcome.PAID_IN_FULL;
        }
    }

    public Invoice {
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("an invoice is for a positive amount");
        }
        if (!received.currency().equals(amount.currency()) || received.signum() < 0) {
            throw new IllegalArgumentException("what an invoice received is counted in its own currency");
        }
        if ((state == State.PAID) != paidAt.isPresent() || (state == State.PAID && received.compareTo(amount) < 0)) {
            throw new IllegalArgumentException("a paid invoice has received its amount and knows when");
        }
    }

    public static Invoice open(UUID orderId, UUID consumerId, Money amount, String provider, PaymentProvider.IssuedInvoice issued, Instant at) {
        return new Invoice(UUID.randomUUID(), orderId, consumerId, amount, provider, issued.reference(), issued.howToPay(), State.OPEN,
                Money.zero(amount.currency()), at, Optional.empty());
    }

    public String currency() {
        return amount.currency();
    }

    /** A payment arrived for this invoice. The money is the consumer's whatever it does; only the outcome PAID_IN_FULL funds. */
    public Receipt receive(Money payment, Instant at) {
        if (!payment.currency().equals(currency())) {
            return new Receipt(this, Outcome.WRONG_CURRENCY, "paid " + payment + " but the invoice is in " + currency()
                    + ": kept in the consumer's " + payment.currency() + " balance, funds nothing");
        }
        Money total = received.plus(payment);
        if (state == State.PAID) {
            return new Receipt(with(total, state, paidAt), Outcome.ALREADY_PAID, "paid " + payment + " after the invoice was paid in full: "
                    + "kept in the consumer's balance");
        }
        if (total.compareTo(amount) < 0) {
            return new Receipt(with(total, State.OPEN, Optional.empty()), Outcome.PARTIAL, "partial payment of " + payment + ": " + total
                    + " of " + amount + " received, kept in the consumer's balance and funds nothing until the rest arrives");
        }
        Money surplus = total.minus(amount);
        return new Receipt(with(total, State.PAID, Optional.of(at)), Outcome.PAID_IN_FULL, "paid in full (" + amount + ")"
                + (surplus.isZero() ? "" : "; " + surplus + " more than the invoice stays in the consumer's balance"));
    }

    private Invoice with(Money received, State state, Optional<Instant> paidAt) {
        return new Invoice(id, orderId, consumerId, amount, provider, reference, howToPay, state, received, createdAt, paidAt);
    }
}
