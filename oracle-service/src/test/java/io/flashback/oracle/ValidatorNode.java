package io.flashback.oracle;

import com.zaxxer.hikari.HikariDataSource;
import io.flashback.chain.deploy.AddressBook;
import io.flashback.chain.web3j.ChainKeys;
import io.flashback.chain.web3j.InMemoryTransactionJournal;
import io.flashback.chain.web3j.TransactionSettings;
import io.flashback.chain.web3j.Web3jOracleHub;
import io.flashback.chain.web3j.Web3jSlaEscrow;
import io.flashback.chain.web3j.Web3jTransactions;
import io.flashback.events.EventCodec;
import io.flashback.events.outbox.Outbox;
import io.flashback.events.outbox.OutboxRelay;
import io.flashback.events.outbox.OutboxSettings;
import io.flashback.events.outbox.ProcessedEvents;
import io.flashback.infra.anvil.AnvilAccounts;
import io.flashback.infra.testing.TestInfrastructure;
import io.flashback.oracle.epoch.EpochInputs;
import io.flashback.oracle.epoch.EpochLedger;
import io.flashback.oracle.epoch.Epochs;
import io.flashback.oracle.epoch.JudgeEpoch;
import io.flashback.oracle.epoch.OracleAgreements;
import io.flashback.oracle.epoch.internal.EpochPipeline;
import io.flashback.oracle.epoch.internal.JdbcEpochInputs;
import io.flashback.oracle.epoch.internal.JdbcEpochLedger;
import io.flashback.oracle.epoch.internal.JdbcOracleAgreements;
import io.flashback.oracle.epoch.internal.SignatureInbox;
import io.flashback.oracle.epoch.internal.SignatureListener;
import io.flashback.oracle.evaluation.EpochEvaluator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.transaction.support.TransactionTemplate;
import org.web3j.protocol.Web3j;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A whole validator as a separate oracle-service instance has it — its own database (Flyway-migrated),
 * outbox relay, signature consumer group, key and transaction sender — sharing only Kafka and the
 * chain with the others. Built from the same production classes the Spring configuration wires.
 */
public final class ValidatorNode implements AutoCloseable {

    public final OracleAgreements agreements;
    public final EpochInputs inputs;
    public final EpochLedger ledger;
    public final EpochPipeline pipeline;
    public final JdbcTemplate jdbc;
    private final HikariDataSource dataSource;
    private final OutboxRelay relay;
    private final KafkaMessageListenerContainer<String, String> listener;

    public ValidatorNode(int anvilAccount, AddressBook book, Web3j web3j, Clock clock, KafkaTemplate<String, String> kafka,
                         ConsumerFactory<String, String> consumers, Duration takeoverAfter) {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(infrastructure.jdbcUrl("oracle_validator_" + anvilAccount + "_" + System.nanoTime()));
        dataSource.setUsername(infrastructure.username());
        dataSource.setPassword(infrastructure.password());
        dataSource.setMaximumPoolSize(3);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration", "classpath:db/platform").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        relay = new OutboxRelay(jdbc, transactions, kafka, new OutboxSettings("/flashback/oracle-service", Duration.ofMillis(200), 200,
                Duration.ofSeconds(10), List.of(), 3, (short) 1), clock, new SimpleMeterRegistry());
        Outbox outbox = new Outbox(jdbc, new EventCodec(), "/flashback/oracle-service", relay);
        agreements = new JdbcOracleAgreements(jdbc);
        inputs = new JdbcEpochInputs(jdbc);
        ledger = new JdbcEpochLedger(jdbc);
        Epochs epochs = new Epochs(Instant.ofEpochSecond(book.genesisTime()), Duration.ofSeconds(book.epochLengthSeconds()));
        var key = ChainKeys.fromHex(AnvilAccounts.PRIVATE_KEYS.get(anvilAccount));
        Web3jTransactions sender = new Web3jTransactions(web3j, key, book.chainId(),
                TransactionSettings.defaults().withReceiptTimeout(Duration.ofSeconds(20)), new InMemoryTransactionJournal());
        pipeline = new EpochPipeline(key.getEcKeyPair(), book, epochs,
                new JudgeEpoch(agreements, inputs, new EpochEvaluator(0.05, 3), epochs, book.escrow()), ledger, transactions, outbox,
                new Web3jOracleHub(sender, book.oracleHub()), new Web3jSlaEscrow(sender, book.escrow()), clock,
                new EpochPipeline.Settings(Duration.ZERO, takeoverAfter, 100, 48, -1));
        SignatureInbox inbox = new SignatureInbox(book, ledger, new ProcessedEvents(jdbc, clock), transactions, clock, pipeline.validator());
        listener = SignatureListener.container(consumers, "oracle-service.signatures." + pipeline.validator().value() + "." + System.nanoTime(),
                new SignatureListener(new EventCodec(), inbox));
        relay.start();
        listener.start();
    }

    @Override
    public void close() {
        listener.stop();
        relay.stop();
        dataSource.close();
    }
}
