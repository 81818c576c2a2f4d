package io.flashback.oracle.epoch;

import io.flashback.chain.deploy.AddressBook;
import io.flashback.chain.web3j.ChainKeys;
import io.flashback.chain.web3j.InMemoryTransactionJournal;
import io.flashback.chain.web3j.TransactionSettings;
import io.flashback.chain.web3j.Web3jOracleHub;
import io.flashback.chain.web3j.Web3jSlaEscrow;
import io.flashback.chain.web3j.Web3jTransactions;
import io.flashback.infra.anvil.AnvilAccounts;
import io.flashback.oracle.OracleFixtures;
import io.flashback.oracle.OracleIntegrationTest;
import io.flashback.oracle.epoch.internal.EpochPipeline;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

import java.math.BigInteger;
import java.net.ServerSocket;
import java.time.Duration;

import static io.flashback.oracle.OracleFixtures.PRICE;
import static io.flashback.oracle.OracleFixtures.fee;
import static io.flashback.oracle.OracleTestChain.CONSUMER;
import static io.flashback.oracle.OracleTestChain.PROVIDER;
import static org.assertj.core.api.Assertions.assertThat;

/** A validator stopped at any point and started afresh on the same database settles every epoch exactly once. */
class RecoveringAfterACrashIT extends OracleIntegrationTest {

    private OracleAgreement servedAgreementInNextEpoch(OracleFixtures f) {
        OracleAgreement served = f.activeAgreement();
        long epoch = served.startEpoch();
        agreements.save(served);
        inputs.append(served.id(), OracleFixtures.traffic(epochs.start(epoch), Duration.between(epochs.start(epoch), epochs.end(epoch)), 0));
        return served;
    }

    @Test
    void anOracleKilledBetweenSigningAndSettlementResumesAndSettlesOnce() {
        OracleFixtures f = fixtures();
        pipeline.advance(); // earlier epochs out of the way
        OracleAgreement served = servedAgreementInNextEpoch(f);
        long epoch = served.startEpoch();
        BigInteger providerBefore = f.balance(BOOK.paymentToken(), PROVIDER);
        CLOCK.set(f.endEpoch(epoch));

        // the running oracle judges and signs, then dies before it posts anything
        pipeline.judge();
        pipeline.sign();
        assertThat(ledger.epoch(epoch).state()).isEqualTo(EpochState.SIGNED);
        assertThat(f.hub(CONSUMER).rootOf(epoch)).isEmpty();

        restartedPipeline().advance();

        assertThat(ledger.epoch(epoch).state()).isEqualTo(EpochState.SETTLED);
        assertThat(f.escrow(CONSUMER).agreement(served.id()).orElseThrow().settledEpochs()).isEqualTo(1);
        assertThat(f.balance(BOOK.paymentToken(), PROVIDER).subtract(providerBefore)).isEqualTo(PRICE.subtract(fee(PRICE)));
    }

    @Test
    void anOracleKilledAfterSettlingOnChainButBeforeRecordingItDoesNotSettleAgain() {
        OracleFixtures f = fixtures();
        pipeline.advance();
        OracleAgreement served = servedAgreementInNextEpoch(f);
        long epoch = served.startEpoch();
        BigInteger providerBefore = f.balance(BOOK.paymentToken(), PROVIDER);
        CLOCK.set(f.endEpoch(epoch));
        pipeline.advance();
        assertThat(ledger.epoch(epoch).state()).isEqualTo(EpochState.SETTLED);

        // the database as a crash right after the settleBatch and the report were mined would have left it
        jdbc.update("update epoch_result set settlement = 'PENDING', settlement_note = null where epoch = ?", epoch);
        jdbc.update("update epoch set state = 'SIGNED', report_tx = null, report_gas = null where epoch = ?", epoch);
        restartedPipeline().advance();

        assertThat(ledger.epoch(epoch).state()).isEqualTo(EpochState.SETTLED);
        assertThat(jdbc.queryForObject("select settlement_note from epoch_result where epoch = ?", String.class, epoch))
                .isEqualTo("found settled on chain");
        assertThat(f.escrow(CONSUMER).agreement(served.id()).orElseThrow().settledEpochs()).isEqualTo(1);
        assertThat(f.balance(BOOK.paymentToken(), PROVIDER).subtract(providerBefore)).isEqualTo(PRICE.subtract(fee(PRICE)));
    }

    @Test
    void aChainOutageDelaysPostingAndTheNextPassCatchesUp() throws Exception {
        OracleFixtures f = fixtures();
        pipeline.advance();
        OracleAgreement first = servedAgreementInNextEpoch(f);
        CLOCK.set(f.endEpoch(first.startEpoch()));
        OracleAgreement second = servedAgreementInNextEpoch(f);
        CLOCK.set(f.endEpoch(second.startEpoch()));

        EpochPipeline cutOff = pipelineWithoutChain();
        cutOff.advance();
        assertThat(ledger.epoch(first.startEpoch()).state()).isEqualTo(EpochState.SIGNED);
        assertThat(ledger.epoch(second.startEpoch()).state()).isEqualTo(EpochState.SIGNED);

        restartedPipeline().advance();

        assertThat(ledger.epoch(first.startEpoch()).state()).isEqualTo(EpochState.SETTLED);
        assertThat(ledger.epoch(second.startEpoch()).state()).isEqualTo(EpochState.SETTLED);
        assertThat(f.escrow(CONSUMER).agreement(second.id()).orElseThrow().settledEpochs()).isEqualTo(1);
    }

    /** The same validator whose chain node does not answer (a port nobody listens on). */
    private EpochPipeline pipelineWithoutChain() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        Web3j unreachable = Web3j.build(new HttpService("http://127.0.0.1:" + deadPort));
        var key = ChainKeys.fromHex(AnvilAccounts.PRIVATE_KEYS.get(6));
        Web3jTransactions transactions = new Web3jTransactions(unreachable, key, BOOK.chainId(), TransactionSettings.defaults(),
                new InMemoryTransactionJournal());
        AddressBook book = BOOK;
        return new EpochPipeline(key.getEcKeyPair(), book, epochs, new JudgeEpoch(agreements, inputs, evaluator, epochs, book.escrow()), ledger,
                new org.springframework.transaction.support.TransactionTemplate(transactionManager), outbox,
                new Web3jOracleHub(transactions, book.oracleHub()), new Web3jSlaEscrow(transactions, book.escrow()), CLOCK,
                new EpochPipeline.Settings(Duration.ZERO, TAKEOVER, 100, 48, -1));
    }
}
