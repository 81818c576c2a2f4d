package io.flashback.orchestrator.payment.internal;

import io.flashback.events.Topics;
import io.flashback.events.outbox.InboundEvents;
import io.flashback.events.outbox.ListenerContainers;
import io.flashback.events.outbox.Outbox;
import io.flashback.orchestrator.OrchestratorProperties;
import io.flashback.orchestrator.agreement.Agreements;
import io.flashback.orchestrator.lifecycle.MoveAgreement;
import io.flashback.orchestrator.order.Orders;
import io.flashback.orchestrator.payment.EpochSchedules;
import io.flashback.orchestrator.payment.FiatAgreements;
import io.flashback.orchestrator.payment.FundFiatAgreements;
import io.flashback.orchestrator.payment.InvoiceOrder;
import io.flashback.orchestrator.payment.Invoices;
import io.flashback.orchestrator.payment.Ledger;
import io.flashback.orchestrator.payment.PaymentEvents;
import io.flashback.orchestrator.payment.PaymentProvider;
import io.flashback.orchestrator.payment.ReceivePaymentEvent;
import io.flashback.orchestrator.payment.Refunds;
import io.flashback.orchestrator.payment.SendRefunds;
import io.flashback.orchestrator.payment.SettleFiatEpoch;
import io.flashback.orchestrator.payment.WarnOfLowFunds;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;

/**
 * Fiat payments wired together: the signed-webhook provider (the one adapter so far; a real provider's adapter
 * replaces this bean), the use cases, the verdict listener and the refund sender.
 */
@Configuration(proxyBeanMethods = false)
class PaymentConfiguration {

    @Bean
    PaymentProvider paymentProvider(OrchestratorProperties properties, Clock clock) {
        OrchestratorProperties.Webhook webhook = properties.payments().webhook();
        return new SignedWebhookPaymentProvider(webhook.resolvedSecret(), webhook.tolerance(), clock);
    }

    @Bean
    InvoiceOrder invoiceOrder(OrchestratorProperties properties, PaymentProvider provider, Invoices invoices, Clock clock) {
        String secret = properties.payments().webhook().resolvedSecret();
        return new InvoiceOrder(properties.payments().fiatCurrencies(), secret != null && !secret.isBlank(), provider, invoices, clock);
    }

    @Bean
    WarnOfLowFunds warnOfLowFunds(FiatAgreements fiatAgreements, Outbox outbox, OrchestratorProperties properties, Clock clock) {
        return new WarnOfLowFunds(fiatAgreements, outbox, properties.payments().lowFundsEpochs(), clock);
    }

    @Bean
    FundFiatAgreements fundFiatAgreements(Orders orders, Invoices invoices, FiatAgreements fiatAgreements, Ledger ledger, EpochSchedules schedules,
                                          MoveAgreement move, WarnOfLowFunds lowFunds, Clock clock) {
        return new FundFiatAgreements(orders, invoices, fiatAgreements, ledger, schedules, move, lowFunds, clock);
    }

    @Bean
    ReceivePaymentEvent receivePaymentEvent(PaymentProvider provider, PaymentEvents events, Invoices invoices, Refunds refunds, Ledger ledger,
                                            FundFiatAgreements fund, Clock clock) {
        return new ReceivePaymentEvent(provider, events, invoices, refunds, ledger, fund, clock);
    }

    @Bean
    SettleFiatEpoch settleFiatEpoch(FiatAgreements fiatAgreements, Agreements agreements, Orders orders, Invoices invoices, Refunds refunds,
                                    Ledger ledger, MoveAgreement move, WarnOfLowFunds lowFunds, Clock clock) {
        return new SettleFiatEpoch(fiatAgreements, agreements, orders, invoices, refunds, ledger, move, lowFunds, clock);
    }

    @Bean
    SendRefunds sendRefunds(PaymentProvider provider, Refunds refunds) {
        return new SendRefunds(provider, refunds);
    }

    @Bean
    RefundSender refundSender(SendRefunds send, PlatformTransactionManager transactionManager) {
        return new RefundSender(send, new TransactionTemplate(transactionManager));
    }

    @Bean
    @SuppressWarnings("unchecked")
    KafkaMessageListenerContainer<String, String> slaVerdictListener(ConsumerFactory<?, ?> consumers, InboundEvents inbound, SettleFiatEpoch settle,
                                                                    PlatformTransactionManager transactionManager) {
        return ListenerContainers.retryingForever(consumers, "orchestrator-service.fiat-settlement",
                new SlaVerdictListener(inbound, settle, new TransactionTemplate(transactionManager)), Topics.SLA);
    }
}
