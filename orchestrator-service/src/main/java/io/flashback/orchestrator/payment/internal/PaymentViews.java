package io.flashback.orchestrator.payment.internal;

import io.flashback.orchestrator.payment.EpochSettlement;
import io.flashback.orchestrator.payment.Invoice;
import io.flashback.orchestrator.payment.PaymentEvents;
import io.flashback.orchestrator.payment.Refund;
import io.flashback.orchestrator.payment.WebhookOutcome;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the payment endpoints answer: plain values, amounts as decimals with their currency. */
final class PaymentViews {

    private PaymentViews() {
    }

    record PaymentView(String eventId, BigDecimal amount, String currency, Instant receivedAt, String outcome) {

        static PaymentView of(PaymentEvents.ReceivedPayment payment) {
            return new PaymentView(payment.eventId(), payment.amount().amount(), payment.amount().currency(), payment.receivedAt(), payment.outcome());
        }
    }

    /**
     * @param reference what the payment provider knows the invoice by
     * @param payments  what arrived for it and what each payment did
     */
    record InvoiceView(UUID id, UUID orderId, String currency, BigDecimal amount, BigDecimal received, String state, String provider,
                       String reference, String howToPay, Instant createdAt, Instant paidAt, List<PaymentView> payments) {

        static InvoiceView of(Invoice invoice, List<PaymentEvents.ReceivedPayment> payments) {
            return new InvoiceView(invoice.id(), invoice.orderId(), invoice.currency(), invoice.amount().amount(), invoice.received().amount(),
                    invoice.state().name(), invoice.provider(), invoice.reference(), invoice.howToPay(), invoice.createdAt(),
                    invoice.paidAt().orElse(null), payments.stream().map(PaymentView::of).toList());
        }
    }

    /**
     * @param available prepaid money bound to no agreement
     * @param reserved  what the consumer's fiat agreements still hold for their remaining epochs
     * @param refunding SLA credits on their way back through the payment provider
     */
    record CurrencyBalanceView(String currency, BigDecimal available, BigDecimal reserved, BigDecimal refunding) {
    }

    record RefundView(UUID id, UUID agreementId, long epoch, BigDecimal amount, String currency, String state, String reason, Instant createdAt,
                      Instant closedAt, String failure) {

        static RefundView of(Refund refund) {
            return new RefundView(refund.id(), refund.agreementId(), refund.epoch(), refund.amount().amount(), refund.amount().currency(),
                    refund.state().name(), refund.reason(), refund.createdAt(), refund.closedAt().orElse(null), refund.failure().orElse(null));
        }
    }

    record BalanceView(UUID consumerId, List<CurrencyBalanceView> balances, List<RefundView> refunds) {
    }

    record PayableBalanceView(String currency, BigDecimal payable) {
    }

    record SettlementView(UUID agreementId, long epoch, String currency, BigDecimal price, BigDecimal creditPct, BigDecimal credit,
                          BigDecimal providerShare, BigDecimal platformFee, Instant settledAt) {

        static SettlementView of(EpochSettlement settlement) {
            var split = settlement.split();
            return new SettlementView(settlement.agreementId(), split.epoch(), split.price().currency(), split.price().amount(), split.creditPct(),
                    split.credit().amount(), split.providerShare().amount(), split.platformFee().amount(), settlement.settledAt());
        }
    }

    /** @param settlements the latest epochs settled for the provider's fiat agreements */
    record PayableView(UUID providerId, List<PayableBalanceView> balances, List<SettlementView> settlements) {
    }

    record WebhookView(String eventId, String outcome, String detail) {

        static WebhookView of(WebhookOutcome outcome) {
            return new WebhookView(outcome.eventId(), outcome.status().name(), outcome.detail());
        }
    }
}
