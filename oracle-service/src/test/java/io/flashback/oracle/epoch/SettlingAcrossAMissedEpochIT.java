package io.flashback.oracle.epoch;

import io.flashback.chain.AgreementStatus;
import io.flashback.oracle.OracleFixtures;
import io.flashback.oracle.OracleIntegrationTest;
import org.junit.jupiter.api.Test;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;

import java.math.BigInteger;
import java.time.Duration;

import static io.flashback.oracle.OracleFixtures.PRICE;
import static io.flashback.oracle.OracleFixtures.fee;
import static io.flashback.oracle.OracleTestChain.CONSUMER;
import static io.flashback.oracle.OracleTestChain.PROVIDER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An epoch whose report never made it to the hub within its report window (issue #13, M6): the
 * oracle marks it MISSED, settles the agreement's missed epoch by the escrow's default and goes on
 * settling the next epoch from its report.
 */
class SettlingAcrossAMissedEpochIT extends OracleIntegrationTest {

    @Test // #13 M6
    void anAgreementSpanningAnEpochNeverReportedIsSettledPastIt() throws Exception {
        OracleFixtures f = fixtures();
        pipeline.advance(); // earlier epochs out of the way
        OracleAgreement served = f.activeAgreement(2);
        long missed = served.startEpoch();
        agreements.save(served);
        for (long epoch = missed; epoch <= missed + 1; epoch++) {
            inputs.append(served.id(), OracleFixtures.traffic(epochs.start(epoch), Duration.between(epochs.start(epoch), epochs.end(epoch)), 0));
        }
        BigInteger providerBefore = f.balance(BOOK.paymentToken(), PROVIDER);
        BigInteger consumerBefore = f.balance(BOOK.paymentToken(), CONSUMER);
        CLOCK.set(f.endEpoch(missed));
        pipeline.judge();
        pipeline.sign(); // signed, but the report never reaches the hub (the validators were cut off) ...
        assertThat(ledger.epoch(missed).state()).isEqualTo(EpochState.SIGNED);

        // ... until the epoch is past the hub's report window; the next epoch is still inside its own
        long window = io.flashback.chain.web3j.contracts.OracleHub.load(BOOK.oracleHub().value(), web3j,
                new ReadonlyTransactionManager(web3j, BOOK.oracleHub().value()), new StaticGasProvider(BigInteger.ZERO, BigInteger.ZERO))
                .REPORT_WINDOW_EPOCHS().send().longValueExact();
        CLOCK.set(f.endEpoch(missed + window));
        pipeline.advance();

        assertThat(ledger.epoch(missed).state()).isEqualTo(EpochState.MISSED);
        assertThat(f.hub(CONSUMER).rootOf(missed)).isEmpty();
        assertThat(ledger.epoch(missed + 1).state()).isEqualTo(EpochState.SETTLED);
        var onChain = f.escrow(CONSUMER).agreement(served.id()).orElseThrow();
        assertThat(onChain.settledEpochs()).isEqualTo(2);
        assertThat(onChain.status()).isEqualTo(AgreementStatus.COMPLETED);
        // the missed epoch refunded to the consumer, the reported one paid to the provider
        assertThat(f.balance(BOOK.paymentToken(), CONSUMER).subtract(consumerBefore)).isEqualTo(PRICE);
        assertThat(f.balance(BOOK.paymentToken(), PROVIDER).subtract(providerBefore)).isEqualTo(PRICE.subtract(fee(PRICE)));
    }
}
