package io.flashback.oracle.epoch;

import io.flashback.chain.AgreementStatus;
import io.flashback.chain.deploy.AddressBook;
import io.flashback.oracle.OracleFixtures;
import io.flashback.oracle.OracleIntegrationTest;
import io.flashback.oracle.OracleTestChain;
import io.flashback.oracle.ValidatorNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Duration;
import java.util.List;

import static io.flashback.oracle.OracleTestChain.CONSUMER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three validators (anvil accounts 6, 7, 8; k = 2), each with its own database, meeting only through
 * Kafka: the two that judged the same inputs get their root reported and settled; the third saw
 * different inputs, signed a different root, and gets nothing through.
 */
class ThreeValidatorsIT extends OracleIntegrationTest {

    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    ConsumerFactory<?, ?> consumers;

    @Test
    @SuppressWarnings("unchecked")
    void twoMatchingSignaturesReportTheRootAndADissentingValidatorGetsNothingThrough() {
        AddressBook book = CHAIN.deploy(List.of(6, 7, 8), 2);
        OracleFixtures f = new OracleFixtures(book);
        var factory = (ConsumerFactory<String, String>) consumers;
        try (ValidatorNode six = new ValidatorNode(6, book, web3j, CLOCK, kafka, factory, TAKEOVER);
             ValidatorNode seven = new ValidatorNode(7, book, web3j, CLOCK, kafka, factory, TAKEOVER);
             ValidatorNode dissenter = new ValidatorNode(8, book, web3j, CLOCK, kafka, factory, TAKEOVER)) {
            OracleAgreement served = f.activeAgreement();
            OracleAgreement failing = f.activeAgreement();
            long epoch = served.startEpoch();
            var start = f.hub(CONSUMER).epochStart(epoch);
            var length = Duration.ofSeconds(book.epochLengthSeconds());
            for (ValidatorNode node : List.of(six, seven, dissenter)) {
                node.agreements.save(served);
                node.agreements.save(failing);
                node.inputs.append(served.id(), OracleFixtures.traffic(start, length, 0));
            }
            six.inputs.append(failing.id(), OracleFixtures.traffic(start, length, 2));
            seven.inputs.append(failing.id(), OracleFixtures.traffic(start, length, 2));
            // the dissenter never received the failing node's error reports
            dissenter.inputs.append(failing.id(), OracleFixtures.traffic(start, length, 0));
            CLOCK.set(f.endEpoch(epoch));

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
                for (ValidatorNode node : List.of(six, seven, dissenter)) {
                    node.pipeline.advance();
                }
                return List.of(six, seven, dissenter).stream().allMatch(node -> node.ledger.lastEpoch().orElse(-1) >= epoch
                        && node.ledger.epoch(epoch).state().isFinal());
            });

            var honestRoot = six.ledger.epoch(epoch).root().orElseThrow();
            assertThat(seven.ledger.epoch(epoch).root()).contains(honestRoot);
            assertThat(dissenter.ledger.epoch(epoch).root().orElseThrow()).isNotEqualTo(honestRoot);
            assertThat(f.hub(CONSUMER).rootOf(epoch)).contains(honestRoot);
            assertThat(six.ledger.epoch(epoch).state()).isEqualTo(EpochState.SETTLED);
            assertThat(seven.ledger.epoch(epoch).state()).isEqualTo(EpochState.SETTLED);
            assertThat(dissenter.ledger.epoch(epoch).state()).isEqualTo(EpochState.DISAGREED);
            // the lowest agreeing address (account 7) was designated, and reported alone
            assertThat(seven.ledger.epoch(epoch).submitter()).contains(OracleTestChain.validator(7));
            assertThat(seven.jdbc.queryForObject("select report_tx from epoch where epoch = ?", String.class, epoch)).isNotNull();
            assertThat(six.jdbc.queryForObject("select report_tx from epoch where epoch = ?", String.class, epoch)).isNull();
            for (OracleAgreement agreement : List.of(served, failing)) {
                var onChain = f.escrow(CONSUMER).agreement(agreement.id()).orElseThrow();
                assertThat(onChain.status()).isEqualTo(AgreementStatus.COMPLETED);
            }
            Long reportGas = seven.jdbc.queryForObject("select report_gas from epoch where epoch = ?", Long.class, epoch);
            System.out.printf("gas: epoch report %,d (k = 2)%n", reportGas);
        }
    }
}
