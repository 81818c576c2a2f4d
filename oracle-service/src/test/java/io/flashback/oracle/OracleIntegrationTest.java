package io.flashback.oracle;

import io.flashback.infra.testing.SettableClock;
import io.flashback.chain.deploy.AddressBook;
import io.flashback.chain.web3j.ChainKeys;
import io.flashback.chain.web3j.FileTransactionJournal;
import io.flashback.chain.web3j.TransactionSettings;
import io.flashback.chain.web3j.Web3jOracleHub;
import io.flashback.chain.web3j.Web3jSlaEscrow;
import io.flashback.chain.web3j.Web3jTransactions;
import io.flashback.events.outbox.Outbox;
import io.flashback.infra.anvil.AnvilAccounts;
import io.flashback.infra.testing.TestInfrastructure;
import io.flashback.oracle.epoch.EpochInputs;
import io.flashback.oracle.epoch.EpochLedger;
import io.flashback.oracle.epoch.Epochs;
import io.flashback.oracle.epoch.JudgeEpoch;
import io.flashback.oracle.epoch.OracleAgreements;
import io.flashback.oracle.epoch.internal.EpochPipeline;
import io.flashback.oracle.evaluation.EpochEvaluator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.web3j.protocol.Web3j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One Spring context for the oracle's integration tests: the shared PostgreSQL and Kafka, one anvil
 * per JVM with a contract set whose only validator (k = 1) is this oracle (anvil account 6). The
 * schedule is off and the clock is the chain's: tests move the chain forward, set the clock and run
 * the pipeline's passes themselves.
 */
@SpringBootTest
@Import(OracleIntegrationTest.ClockConfiguration.class)
public abstract class OracleIntegrationTest {

    protected static final OracleTestChain CHAIN = OracleTestChain.get();
    protected static final AddressBook BOOK = CHAIN.deploy(List.of(6), 1);
    protected static final SettableClock CLOCK = new SettableClock(CHAIN.now());
    protected static final Path STATE = directory();
    protected static final Duration TAKEOVER = Duration.ofHours(6);

    @Autowired
    protected EpochPipeline pipeline;
    @Autowired
    protected OracleAgreements agreements;
    @Autowired
    protected EpochInputs inputs;
    @Autowired
    protected EpochLedger ledger;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected PlatformTransactionManager transactionManager;
    @Autowired
    protected Outbox outbox;
    @Autowired
    protected Web3j web3j;
    @Autowired
    protected EpochEvaluator evaluator;
    @Autowired
    protected Epochs epochs;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.get().springProperties("oracle_it", "oracle-service").forEach((key, value) -> registry.add(key, () -> value));
        Path book = STATE.resolve("address-book.json");
        BOOK.write(book);
        registry.add("flashback.oracle.address-book", book::toString);
        registry.add("flashback.oracle.rpc-url", CHAIN::rpcUrl);
        registry.add("flashback.oracle.validator-key", () -> AnvilAccounts.PRIVATE_KEYS.get(6));
        registry.add("flashback.oracle.journal-directory", () -> STATE.resolve("journal").toString());
        registry.add("flashback.oracle.judgment-delay", () -> "0s");
        registry.add("flashback.oracle.poll-interval", () -> "0s");
        registry.add("flashback.oracle.takeover-after", TAKEOVER::toString);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class ClockConfiguration {
        @Bean
        SettableClock clock() {
            return CLOCK;
        }
    }

    private static Path directory() {
        try {
            return Files.createTempDirectory("oracle-it-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected OracleFixtures fixtures() {
        return new OracleFixtures(BOOK);
    }

    /**
     * A pipeline as a restarted oracle process builds it: same database, same transaction journal
     * directory, nothing kept in memory from the one before.
     */
    protected EpochPipeline restartedPipeline() {
        var key = ChainKeys.fromHex(AnvilAccounts.PRIVATE_KEYS.get(6));
        Web3jTransactions transactions = new Web3jTransactions(web3j, key, BOOK.chainId(), TransactionSettings.defaults(),
                new FileTransactionJournal(STATE.resolve("journal")));
        return new EpochPipeline(key.getEcKeyPair(), BOOK, epochs,
                new JudgeEpoch(agreements, inputs, evaluator, epochs, BOOK.escrow()), ledger, new TransactionTemplate(transactionManager), outbox,
                new Web3jOracleHub(transactions, BOOK.oracleHub()), new Web3jSlaEscrow(transactions, BOOK.escrow()), CLOCK,
                new EpochPipeline.Settings(Duration.ZERO, TAKEOVER, 100, 48, -1));
    }
}
