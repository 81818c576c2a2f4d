package io.flashback.orchestrator.payment;

import java.util.UUID;

/**
 * Where consumers pay fiat (ADR 0006): it issues invoices, sends refunds and tells the orchestrator by signed
 * webhook what happened. An adapter wraps one provider's API; see the README on plugging in a real one.
 */
public interface PaymentProvider {

    /** A short, stable name: the provider's clearing account and its invoices and events are filed under it. */
    String name();

    /** Issues an invoice; the order id makes a retried call issue the same invoice, not a second one. */
    IssuedInvoice createInvoice(UUID orderId, UUID consumerId, Money amount);

    /**
     * Asks the provider to pay {@code amount} back against the invoice; returns the provider's reference of the refund,
     * which its refund webhooks name. The refund id makes a retried call one refund, not two.
     */
    String refund(UUID refundId, String invoiceReference, Money amount, String reason);

    /** Checks that the webhook comes from the provider and is fresh, and reads it; {@link WebhookRejected} or {@link MalformedWebhook} otherwise. */
    ProviderEvent verify(WebhookRequest request);

    /** @param howToPay what the consumer does to pay, in the provider's words (a page to open, a bank reference …) */
    record IssuedInvoice(String reference, String howToPay) {
    }

    /** Not from the provider, or too old: its signature does not verify or its timestamp is outside the tolerance. */
    class WebhookRejected extends RuntimeException {

        public WebhookRejected(String message) {
            super(message);
        }
    }

    /** Authentic, but not an event the provider's format allows. */
    class MalformedWebhook extends RuntimeException {

        public MalformedWebhook(String message) {
            super(message);
        }
    }

    /** Fiat payments are switched off on this orchestrator (no webhook secret configured). */
    class FiatPaymentsUnavailable extends RuntimeException {

        public FiatPaymentsUnavailable(String message) {
            super(message);
        }
    }
}
