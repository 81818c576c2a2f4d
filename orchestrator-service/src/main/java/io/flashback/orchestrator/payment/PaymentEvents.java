package io.flashback.orchestrator.payment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The payment provider's webhook events the orchestrator has taken, each once, with what they did. */
public interface PaymentEvents {

    /** True the first time the provider's event id is seen; records it either way, so a replay is recognised. */
    boolean firstDelivery(String provider, String eventId, String type, Instant at);

    /** What the event did, and for a payment the invoice and amount it was for. */
    void outcome(String provider, String eventId, Optional<UUID> invoiceId, Optional<Money> amount, String outcome);

    /** The payments received for an invoice, oldest first. */
    List<ReceivedPayment> paymentsOf(UUID invoiceId);

    record ReceivedPayment(String eventId, Money amount, Instant receivedAt, String outcome) {
    }
}
