package io.flashback.orchestrator.escrow.internal;

import io.flashback.chain.deploy.AddressBook;
import io.flashback.chain.web3j.InMemoryTransactionJournal;
import io.flashback.chain.web3j.TransactionSettings;
import io.flashback.chain.web3j.Web3jChainEvents;
import io.flashback.chain.web3j.Web3jSlaEscrow;
import io.flashback.chain.web3j.Web3jTransactions;
import io.flashback.events.outbox.ProcessedEvents;
import io.flashback.orchestrator.OrchestratorProperties;
import io.flashback.orchestrator.agreement.Agreements;
import io.flashback.orchestrator.escrow.EscrowLinks;
import io.flashback.orchestrator.escrow.EscrowPlan;
import io.flashback.orchestrator.escrow.FollowEscrow;
import io.flashback.orchestrator.lifecycle.MoveAgreement;
import io.flashback.orchestrator.order.Orders;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.List;

/** With an address book, the orchestrator follows the deployment's SlaEscrow. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("flashback.orchestrator.chain.address-book")
class ChainConfiguration {

    @Bean
    AddressBook addressBook(OrchestratorProperties properties) {
        return AddressBook.read(properties.chain().addressBook());
    }

    @Bean(destroyMethod = "shutdown")
    Web3j web3j(OrchestratorProperties properties) {
        if (properties.chain().rpcUrl() == null) {
            throw new IllegalStateException("flashback.orchestrator.chain.rpc-url is required with an address book");
        }
        return Web3j.build(new HttpService(properties.chain().rpcUrl().toString()));
    }

    @Bean
    EscrowPlan escrowPlan(AddressBook book, OrchestratorProperties properties) {
        OrchestratorProperties.Chain chain = properties.chain();
        return new EscrowPlan(book.escrow(), chain.paymentCurrency(), book.paymentToken(), chain.tokenDecimals(), book.genesisTime(),
                book.epochLengthSeconds(), chain.collateral());
    }

    @Bean
    FollowEscrow followEscrow(EscrowPlan plan, Web3j web3j, AddressBook book, Agreements agreements, Orders orders, EscrowLinks links,
                              MoveAgreement move, ProcessedEvents processed) throws GeneralSecurityException {
        // The orchestrator only reads the escrow (views are free calls) and signs nothing: consumers fund
        // and providers accept with their own wallets. The chain client wants a signer per adapter, so it
        // gets a throw-away key that never holds funds and never sends.
        Credentials readOnly = Credentials.create(Keys.createEcKeyPair());
        Web3jTransactions reads = new Web3jTransactions(web3j, readOnly, book.chainId(), TransactionSettings.defaults(),
                new InMemoryTransactionJournal());
        return new FollowEscrow(plan, new Web3jSlaEscrow(reads, book.escrow()), agreements, orders, links, move, processed);
    }

    @Bean
    EscrowFollower escrowFollower(Web3j web3j, AddressBook book, FollowEscrow follow, JdbcTemplate jdbc,
                                  PlatformTransactionManager transactionManager, OrchestratorProperties properties, Clock clock) {
        // Only the escrow's events move agreements; the registry's and the hub's are other services' business.
        return new EscrowFollower(new Web3jChainEvents(web3j, List.of(book.escrow()), properties.chain().confirmations(), 12), follow, jdbc,
                new TransactionTemplate(transactionManager), book.deploymentBlock(), properties.chain().maxBlocksPerRead(), clock);
    }
}
