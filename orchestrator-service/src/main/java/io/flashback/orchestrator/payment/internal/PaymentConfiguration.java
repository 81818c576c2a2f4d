package io.flashback.orchestrator.payment.internal;

import io.flashback.chain.deploy.AddressBook;
import io.flashback.chain.web3j.InMemoryTransactionJournal;
import io.flashback.chain.web3j.TransactionSettings;
import io.flashback.chain.web3j.Web3jOracleHub;
import io.flashback.chain.web3j.Web3jTransactions;
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
import io.flashback.orchestrator.payment.FiatVerdicts;
import io.flashback.orchestrator.payment.FundFiatAgreements;
import io.flashback.orchestrator.payment.InvoiceOrder;
import io.flashback.orchestrator.payment.Invoices;
import io.flashback.orchestrator.payment.Ledger;
import io.flashback.orchestrator.payment.PaymentEvents;
import io.flashback.orchestrator.payment.PaymentProvider;
import io.flashback.orchestrator.payment.PostedEpochRoots;
import io.flashback.orchestrator.payment.ReceivePaymentEvent;
import io.flashback.orchestrator.payment.Refunds;
import io.flashback.orchestrator.payment.SendRefunds;
import io.flashback.orchestrator.payment.SettleFiatEpoch;
import io.flashback.orchestrator.payment.WarnOfLowFunds;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.Web3j;

import java.security.GeneralSecurityException;
import java.time.Clock;

/**
 * Fiat payments wired together: the signed-webhook provider (the one adapter so far; a real provider's adapter
 * replaces this bean), the use cases, the verdict listener, the follower of posted epoch roots and the refund sender.
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

    /**
     * The deployment's OracleHub, read with a throw-away key that never sends (views are free calls); without a chain none,
     * so fiat epochs are never settled on a lone validator's word.
     */
    @Bean
    PostedEpochRoots postedEpochRoots(ObjectProvider<AddressBook> book, ObjectProvider<Web3j> web3j) throws GeneralSecurityException {
        AddressBook deployment = book.getIfAvailable();
        Web3j chain = web3j.getIfAvailable();
        if (deployment == null || chain == null) {
            return OracleHubPostedRoots.none();
        }
        Web3jTransactions reads = new Web3jTransactions(chain, Credentials.create(Keys.createEcKeyPair()), deployment.chainId(),
                TransactionSettings.defaults(), new InMemoryTransactionJournal());
        return new OracleHubPostedRoots(new Web3jOracleHub(reads, deployment.oracleHub()), deployment.escrow());
    }

    @Bean
    SettleFiatEpoch settleFiatEpoch(FiatAgreements fiatAgreements, FiatVerdicts verdicts, PostedEpochRoots roots, Agreements agreements,
                                    Orders orders, Invoices invoices, Refunds refunds, Ledger ledger, MoveAgreement move, WarnOfLowFunds lowFunds,
                                    Clock clock) {
        return new SettleFiatEpoch(fiatAgreements, verdicts, roots, agreements, orders, invoices, refunds, ledger, move, lowFunds, clock);
    }

    @Bean
    PostedRootFollower postedRootFollower(FiatVerdicts verdicts, SettleFiatEpoch settle, PlatformTransactionManager transactionManager) {
        return new PostedRootFollower(verdicts, settle, new TransactionTemplate(transactionManager));
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
