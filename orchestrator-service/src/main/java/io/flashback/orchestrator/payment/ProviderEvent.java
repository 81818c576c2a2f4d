package io.flashback.orchestrator.payment;

import java.time.Instant;

/** What a payment provider's verified webhook tells the orchestrator. {@code eventId} is the provider's, unique per event. */
public sealed interface ProviderEvent permits ProviderEvent.InvoicePaid, ProviderEvent.RefundCompleted, ProviderEvent.RefundFailed,
        ProviderEvent.Unhandled {

    String eventId();

    Instant occurredAt();

    String type();

    /** Money arrived for an invoice; {@code amount} is what arrived, in the currency it arrived in. */
    record InvoicePaid(String eventId, Instant occurredAt, String invoiceReference, Money amount) implements ProviderEvent {

        @Override
        public String type() {
            return "invoice.paid";
        }
    }

    record RefundCompleted(String eventId, Instant occurredAt, String refundReference) implements ProviderEvent {

        @Override
        public String type() {
            return "refund.completed";
        }
    }

    record RefundFailed(String eventId, Instant occurredAt, String refundReference, String reason) implements ProviderEvent {

        @Override
        public String type() {
            return "refund.failed";
        }
    }

    /** An authentic event of a type the orchestrator has nothing to do for. */
    record Unhandled(String eventId, Instant occurredAt, String type) implements ProviderEvent {
    }
}
