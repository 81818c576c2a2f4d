package io.flashback.oracle.epoch;

import io.flashback.chain.AgreementStatus;
import io.flashback.chain.TxOutcome;
import io.flashback.events.EventCodec;
import io.flashback.events.Topics;
import io.flashback.events.oracle.SlaVerdictReached;
import io.flashback.infra.testing.TestInfrastructure;
import io.flashback.oracle.OracleFixtures;
import io.flashback.oracle.OracleIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static io.flashback.oracle.OracleFixtures.PRICE;
import static io.flashback.oracle.OracleFixtures.SLASH;
import static io.flashback.oracle.OracleFixtures.fee;
import static io.flashback.oracle.OracleTestChain.CONSUMER;
import static io.flashback.oracle.OracleTestChain.PROVIDER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One validator (k = 1): an epoch judged from stored inputs, its root reported to OracleHub and every agreement settled in a batch. */
class SettlingEpochsWithOneValidatorIT extends OracleIntegrationTest {

    @Autowired
    MeterRegistry meters;

    @Test
    void anEpochIsJudgedReportedAndSettledWithCreditsAndSlashes() throws Exception {
        OracleFixtures f = fixtures();
        var token = BOOK.paymentToken();
        var stake = BOOK.stakingToken();
        OracleAgreement served = f.activeAgreement();
        OracleAgreement failing = f.activeAgreement();
        OracleAgreement unreachable = f.activeAgreement();
        long epoch = served.startEpoch();
        assertThat(unreachable.startEpoch()).isEqualTo(epoch);
        var start = epochs.start(epoch);
        var length = Duration.between(start, epochs.end(epoch));
        for (OracleAgreement agreement : List.of(served, failing, unreachable)) {
            agreements.save(agreement);
        }
        inputs.append(served.id(), OracleFixtures.traffic(start, length, 0));
        inputs.append(failing.id(), OracleFixtures.traffic(start, length, 2));
        inputs.append(unreachable.id(), OracleFixtures.unreachable(start, length));
        BigInteger providerBefore = f.balance(token, PROVIDER);
        BigInteger consumerBefore = f.balance(token, CONSUMER);
        BigInteger consumerStakeBefore = f.balance(stake, CONSUMER);
        Map<String, SlaVerdictReached> verdicts = new ConcurrentHashMap<>();
        Thread reader = Thread.ofVirtual().start(() -> readVerdicts(verdicts));

        CLOCK.set(f.endEpoch(epoch));
        pipeline.advance();

        EpochRecord record = ledger.epoch(epoch);
        assertThat(record.state()).isEqualTo(EpochState.SETTLED);
        assertThat(f.hub(CONSUMER).rootOf(epoch)).isEqualTo(record.root());
        for (OracleAgreement agreement : List.of(served, failing, unreachable)) {
            var onChain = f.escrow(CONSUMER).agreement(agreement.id()).orElseThrow();
            assertThat(onChain.settledEpochs()).isEqualTo(1);
            assertThat(onChain.status()).isEqualTo(AgreementStatus.COMPLETED);
        }
        // served: the full price less the fee; failing (≈ 98 %): 25 % back; unreachable (0 %): everything back and a slash
        BigInteger quarter = PRICE.divide(BigInteger.valueOf(4));
        BigInteger earnedByFailing = PRICE.subtract(quarter);
        assertThat(f.balance(token, PROVIDER).subtract(providerBefore))
                .isEqualTo(PRICE.subtract(fee(PRICE)).add(earnedByFailing.subtract(fee(earnedByFailing))));
        assertThat(f.balance(token, CONSUMER).subtract(consumerBefore)).isEqualTo(quarter.add(PRICE));
        assertThat(f.balance(stake, CONSUMER).subtract(consumerStakeBefore)).isEqualTo(SLASH);

        await().atMost(Duration.ofSeconds(20)).until(() -> verdicts.keySet().containsAll(
                Set.of(served.id().toString(), failing.id().toString(), unreachable.id().toString())));
        reader.interrupt();
        assertThat(verdicts.get(served.id().toString()).outcome()).isEqualTo("MET");
        assertThat(verdicts.get(served.id().toString()).signedAvailabilityPpm()).isEqualTo(1_000_000);
        SlaVerdictReached breached = verdicts.get(failing.id().toString());
        assertThat(breached.outcome()).isEqualTo("BREACHED");
        assertThat(breached.signedAvailabilityPpm()).isBetween(950_000, 989_999);
        assertThat(breached.creditPct()).isEqualByComparingTo("25");
        assertThat(breached.epochRoot()).isEqualTo(record.root().orElseThrow().value());
        assertThat(verdicts.get(unreachable.id().toString()).slash()).isTrue();
        assertThat(breached.inputsDigest()).isEqualTo(InputsDigest.of(failing, start, epochs.end(epoch),
                inputs.of(failing.id(), start, epochs.end(epoch))));

        BigInteger owed = f.balance(token, PROVIDER);
        assertThat(f.escrow(PROVIDER).withdraw(token)).isInstanceOf(TxOutcome.Mined.class);
        assertThat(f.balance(token, PROVIDER)).isZero();
        assertThat(owed).isPositive();

        Long reportGas = jdbc.queryForObject("select report_gas from epoch where epoch = ?", Long.class, epoch);
        Long settlementGas = jdbc.queryForObject("select settlement_gas from epoch where epoch = ?", Long.class, epoch);
        System.out.printf("gas: epoch report %,d (k = 1); settleBatch of 3 agreements %,d = %,d per agreement%n",
                reportGas, settlementGas, settlementGas / 3);

        // what the operators' SLA dashboard shows of it
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
            assertThat(meters.get("flashback.oracle.settlements").tag("settlement", "SETTLED").gauge().value()).isGreaterThanOrEqualTo(3);
            assertThat(meters.get("flashback.oracle.verdicts").tag("outcome", "BREACHED").gauge().value()).isGreaterThanOrEqualTo(2);
            assertThat(meters.get("flashback.oracle.report.gas").gauge().value()).isPositive();
            assertThat(meters.get("flashback.oracle.last.judged.epoch").gauge().value()).isGreaterThanOrEqualTo(epoch);
        });
    }

    @Test
    void aSecondPassChangesNothing() {
        OracleFixtures f = fixtures();
        OracleAgreement served = f.activeAgreement();
        long epoch = served.startEpoch();
        agreements.save(served);
        inputs.append(served.id(), OracleFixtures.traffic(epochs.start(epoch), Duration.between(epochs.start(epoch), epochs.end(epoch)), 0));
        CLOCK.set(f.endEpoch(epoch));
        pipeline.advance();
        BigInteger providerAfter = f.balance(BOOK.paymentToken(), PROVIDER);
        Integer results = jdbc.queryForObject("select count(*) from epoch_result where epoch = ?", Integer.class, epoch);

        pipeline.advance();

        assertThat(ledger.epoch(epoch).state()).isEqualTo(EpochState.SETTLED);
        assertThat(jdbc.queryForObject("select count(*) from epoch_result where epoch = ?", Integer.class, epoch)).isEqualTo(results);
        assertThat(f.balance(BOOK.paymentToken(), PROVIDER)).isEqualTo(providerAfter);
    }

    private static void readVerdicts(Map<String, SlaVerdictReached> verdicts) {
        EventCodec codec = new EventCodec();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(TestInfrastructure.get().kafkaClientAsAdmin(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, "verdict-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.SLA));
            while (!Thread.currentThread().isInterrupted()) {
                consumer.poll(Duration.ofMillis(200)).forEach(message -> {
                    if (codec.decode(message.value()).event() instanceof SlaVerdictReached verdict
                            && verdict.escrow().equals(BOOK.escrow().value())) {
                        verdicts.put(verdict.agreementId(), verdict);
                    }
                });
            }
        } catch (org.apache.kafka.common.errors.InterruptException e) {
            // the test has what it needs
        }
    }
}
