package io.flashback.orchestrator.payment;

import io.flashback.orchestrator.agreement.Agreement;
import io.flashback.orchestrator.agreement.AgreementState;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The payment provider's webhook: verified first (signature, freshness), then taken once per provider event id — a
 * replayed event changes nothing — and booked:
 * <ul>
 *   <li>InvoicePaid: the money enters the consumer's balance whatever it is; when it completes the invoice in the
 *       invoice's currency, the order's accepted agreements are funded and become active ({@link FundFiatAgreements}).
 *       A partial or wrong-currency payment funds nothing and says so. Money for no invoice of ours is held as an
 *       unallocated receipt.</li>
 *   <li>RefundCompleted / RefundFailed: closes a sent refund; a failed one's money returns to the consumer's balance.</li>
 * </ul>
 * Runs in the caller's transaction, so the event's record and its effects commit together.
 */
public final class ReceivePaymentEvent {

    private final PaymentProvider provider;
    private final PaymentEvents events;
    private final Invoices invoices;
    private final Refunds refunds;
    private final Ledger ledger;
    private final FundFiatAgreements fund;
    private final Clock clock;

    public ReceivePaymentEvent(PaymentProvider provider, PaymentEvents events, Invoices invoices, Refunds refunds, Ledger ledger,
                               FundFiatAgreements fund, Clock clock) {
        this.provider = provider;
        this.events = events;
        this.invoices = invoices;
        this.refunds = refunds;
        this.ledger = ledger;
        this.fund = fund;
        this.clock = clock;
    }

    public WebhookOutcome receive(WebhookRequest request) {
        ProviderEvent event = provider.verify(request);
        Instant now = clock.instant();
        if (!events.firstDelivery(provider.name(), event.eventId(), event.type(), now)) {
            return new WebhookOutcome(event.eventId(), WebhookOutcome.Status.DUPLICATE, "event " + event.eventId() + " was taken before; nothing changed");
        }
        return switch (event) {
            case ProviderEvent.InvoicePaid paid -> invoicePaid(paid, now);
            case ProviderEvent.RefundCompleted completed -> refundCompleted(completed, now);
            case ProviderEvent.RefundFailed failed -> refundFailed(failed, now);
            case ProviderEvent.Unhandled other -> done(other.eventId(), WebhookOutcome.Status.IGNORED, Optional.empty(), Optional.empty(),
                    "events of type " + other.type() + " need nothing from the orchestrator");
        };
    }

    private WebhookOutcome invoicePaid(ProviderEvent.InvoicePaid paid, Instant now) {
        Optional<Invoice> found = invoices.byReference(provider.name(), paid.invoiceReference());
        if (found.isEmpty()) {
            ledger.post(FiatBookkeeping.unallocatedReceipt(provider.name(), paid.eventId(), paid.amount(), paid.invoiceReference(), now));
            return done(paid.eventId(), WebhookOutcome.Status.APPLIED, Optional.empty(), Optional.of(paid.amount()),
                    "no invoice " + paid.invoiceReference() + " here: " + paid.amount() + " held as an unallocated receipt");
        }
        Invoice invoice = found.get();
        ledger.post(FiatBookkeeping.paymentReceived(provider.name(), paid.eventId(), invoice.consumerId(), paid.amount(), invoice.reference(), now));
        Invoice.Receipt receipt = invoice.receive(paid.amount(), now);
        invoices.save(receipt.invoice());
        String detail = receipt.reason();
        if (receipt.funds()) {
            detail += "; " + summary(fund.fundOrder(receipt.invoice()));
        }
        return done(paid.eventId(), WebhookOutcome.Status.APPLIED, Optional.of(invoice), Optional.of(paid.amount()), detail);
    }

    private WebhookOutcome refundCompleted(ProviderEvent.RefundCompleted completed, Instant now) {
        Optional<Refund> sent = refunds.byProviderReference(provider.name(), completed.refundReference())
                .filter(refund -> refund.state() == Refund.State.SENT);
        if (sent.isEmpty()) {
            return done(completed.eventId(), WebhookOutcome.Status.IGNORED, Optional.empty(), Optional.empty(),
                    "no sent refund " + completed.refundReference() + " to complete");
        }
        refunds.save(sent.get().completed(now));
        ledger.post(FiatBookkeeping.refundCompleted(sent.get(), completed.eventId(), now));
        return done(completed.eventId(), WebhookOutcome.Status.APPLIED, Optional.empty(), Optional.of(sent.get().amount()),
                "refund " + completed.refundReference() + " of " + sent.get().amount() + " completed");
    }

    private WebhookOutcome refundFailed(ProviderEvent.RefundFailed failed, Instant now) {
        Optional<Refund> sent = refunds.byProviderReference(provider.name(), failed.refundReference())
                .filter(refund -> refund.state() == Refund.State.SENT);
        if (sent.isEmpty()) {
            return done(failed.eventId(), WebhookOutcome.Status.IGNORED, Optional.empty(), Optional.empty(),
                    "no sent refund " + failed.refundReference() + " to fail");
        }
        refunds.save(sent.get().failed(failed.reason(), now));
        ledger.post(FiatBookkeeping.refundFailed(sent.get(), failed.eventId(), failed.reason(), now));
        return done(failed.eventId(), WebhookOutcome.Status.APPLIED, Optional.empty(), Optional.of(sent.get().amount()),
                "refund " + failed.refundReference() + " failed (" + failed.reason() + "): " + sent.get().amount() + " back in the consumer's balance");
    }

    private WebhookOutcome done(String eventId, WebhookOutcome.Status status, Optional<Invoice> invoice, Optional<Money> amount, String detail) {
        events.outcome(provider.name(), eventId, invoice.map(Invoice::id), amount, detail);
        return new WebhookOutcome(eventId, status, detail);
    }

    /** E.g. "2 agreements ACTIVE, 1 REQUESTED (funded when its provider accepts)". */
    private static String summary(List<Agreement> agreements) {
        Map<AgreementState, Long> byState = new TreeMap<>(agreements.stream().collect(Collectors.groupingBy(Agreement::state, Collectors.counting())));
        return byState.entrySet().stream().map(entry -> entry.getValue() + (entry.getValue() == 1 ? " agreement " : " agreements ") + entry.getKey()
                        + switch (entry.getKey()) {
                            case REQUESTED -> " (funded when its provider accepts)";
                            case ACCEPTED -> " (not funded: see the log)";
                            case ACTIVE -> "";
                            default -> entry.getKey().isEnded() ? " (ended before the payment; its share stays in the consumer's balance)" : "";
                        })
                .collect(Collectors.joining(", "));
    }
}
