package io.flashback.oracle.epoch.internal;

import io.flashback.chain.deploy.AddressBook;
import io.flashback.chain.web3j.ChainKeys;
import io.flashback.chain.web3j.FileTransactionJournal;
import io.flashback.chain.web3j.TransactionSettings;
import io.flashback.chain.web3j.Web3jOracleHub;
import io.flashback.chain.web3j.Web3jSlaEscrow;
import io.flashback.chain.web3j.Web3jTransactions;
import io.flashback.events.EventCodec;
import io.flashback.events.outbox.Outbox;
import io.flashback.events.outbox.ProcessedEvents;
import io.flashback.oracle.OracleProperties;
import io.flashback.oracle.epoch.EpochLedger;
import io.flashback.oracle.epoch.EpochInputs;
import io.flashback.oracle.epoch.Epochs;
import io.flashback.oracle.epoch.JudgeEpoch;
import io.flashback.oracle.epoch.OracleAgreements;
import io.flashback.oracle.evaluation.EpochEvaluator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Stored agreements, inputs and epochs; with an address book, the validator pipeline on the chain. */
@Configuration(proxyBeanMethods = false)
class EpochConfiguration {

    @Bean
    OracleAgreements oracleAgreements(JdbcTemplate jdbc) {
        return new JdbcOracleAgreements(jdbc);
    }

    @Bean
    EpochInputs epochInputs(JdbcTemplate jdbc) {
        return new JdbcEpochInputs(jdbc);
    }

    @Bean
    EpochLedger epochLedger(JdbcTemplate jdbc) {
        return new JdbcEpochLedger(jdbc);
    }

    @Bean
    EpochEvaluator epochEvaluator(OracleProperties properties) {
        return new EpochEvaluator(properties.probeTolerance(), properties.minimumProbesToOverrule(), properties.maxReportedRequestsPerMinute());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty("flashback.oracle.address-book")
    static class ValidatorConfiguration {

        @Bean
        AddressBook addressBook(OracleProperties properties) {
            return AddressBook.read(properties.addressBook());
        }

        @Bean(destroyMethod = "shutdown")
        Web3j web3j(OracleProperties properties) {
            return Web3j.build(new HttpService(properties.rpcUrl()));
        }

        @Bean
        Credentials validatorCredentials(OracleProperties properties) {
            if (properties.validatorKeyFile() != null) {
                return ChainKeys.fromFile(properties.validatorKeyFile(), "FLASHBACK_ORACLE_VALIDATOR_KEY_PASSWORD");
            }
            if (properties.validatorKey() == null || properties.validatorKey().isBlank()) {
                throw new IllegalStateException("flashback.oracle.validator-key or validator-key-file is required with an address book");
            }
            return ChainKeys.fromHex(properties.validatorKey());
        }

        @Bean
        Web3jTransactions validatorTransactions(Web3j web3j, Credentials credentials, AddressBook book, OracleProperties properties) {
            return new Web3jTransactions(web3j, credentials, book.chainId(), TransactionSettings.defaults(),
                    new FileTransactionJournal(properties.journalDirectory()));
        }

        @Bean
        Epochs epochs(AddressBook book) {
            return new Epochs(Instant.ofEpochSecond(book.genesisTime()), Duration.ofSeconds(book.epochLengthSeconds()));
        }

        @Bean
        EpochPipeline epochPipeline(Credentials credentials, AddressBook book, Epochs epochs, OracleAgreements agreements, EpochInputs inputs,
                                    EpochEvaluator evaluator, EpochLedger ledger, PlatformTransactionManager transactionManager, Outbox outbox,
                                    Web3jTransactions transactions, Clock clock, OracleProperties properties) {
            return new EpochPipeline(credentials.getEcKeyPair(), book, epochs, new JudgeEpoch(agreements, inputs, evaluator, epochs, book.escrow(),
                    properties.judgmentDelay()),
                    ledger, new TransactionTemplate(transactionManager), outbox, new Web3jOracleHub(transactions, book.oracleHub()),
                    new Web3jSlaEscrow(transactions, book.escrow()), clock,
                    new EpochPipeline.Settings(properties.judgmentDelay(), properties.takeoverAfter(), properties.settleBatchSize(),
                            properties.maxEpochsPerPass(), properties.firstEpoch()));
        }

        @Bean
        PipelineScheduler pipelineScheduler(EpochPipeline pipeline, OracleProperties properties) {
            return new PipelineScheduler(pipeline, properties.pollInterval());
        }

        @Bean
        SignatureInbox signatureInbox(AddressBook book, EpochLedger ledger, ProcessedEvents processed,
                                      PlatformTransactionManager transactionManager, Clock clock, EpochPipeline pipeline) {
            return new SignatureInbox(book, ledger, processed, new TransactionTemplate(transactionManager), clock, pipeline.validator());
        }

        @Bean
        @SuppressWarnings("unchecked")
        KafkaMessageListenerContainer<String, String> signatureListenerContainer(ConsumerFactory<?, ?> consumers, EventCodec codec,
                                                                                 SignatureInbox inbox, EpochPipeline pipeline) {
            return SignatureListener.container((ConsumerFactory<String, String>) consumers,
                    "oracle-service.signatures." + pipeline.validator().value(), new SignatureListener(codec, inbox));
        }
    }
}
