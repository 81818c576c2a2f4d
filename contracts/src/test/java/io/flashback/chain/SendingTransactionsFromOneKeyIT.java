package io.flashback.chain;

import io.flashback.chain.web3j.ChainKeys;
import io.flashback.chain.web3j.FileTransactionJournal;
import io.flashback.chain.web3j.InMemoryTransactionJournal;
import io.flashback.chain.web3j.TransactionJournal;
import io.flashback.chain.web3j.TransactionSettings;
import io.flashback.chain.web3j.Web3jTransactions;
import io.flashback.infra.anvil.Anvil;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Web3jTransactions: nonces under concurrency, fee-bumped replacement, retries that never double-send. */
class SendingTransactionsFromOneKeyIT {

    private static final int SENDER = TestChain.STRANGER;
    private static ChainFixtures f;

    @BeforeAll
    static void deploy() {
        f = new ChainFixtures();
    }

    private static Credentials key() {
        return ChainKeys.anvil(SENDER);
    }

    private static String transfer(Address to, long amount) {
        return f.erc20(f.book.paymentToken()).transfer(to.value(), BigInteger.valueOf(amount)).encodeFunctionCall();
    }

    private static Address freshAddress() {
        return ChainFixtures.addressOf(ChainFixtures.newNodeKey());
    }

    private static BigInteger confirmedNonce(Address account) throws Exception {
        return f.chain.web3j().ethGetTransactionCount(account.value(), DefaultBlockParameterName.LATEST).send().getTransactionCount();
    }

    private static Web3jTransactions manager(TransactionSettings settings, TransactionJournal journal) {
        return new Web3jTransactions(f.chain.web3j(), key(), Anvil.CHAIN_ID, settings, journal);
    }

    private static TransactionSettings quick(Duration receiptTimeout, int maxReplacements) {
        TransactionSettings d = TransactionSettings.defaults();
        return new TransactionSettings(d.gasCeiling(), d.gasMarginPercent(), d.priorityFee(), d.maxFeeCap(), receiptTimeout,
                Duration.ofMillis(50), maxReplacements, 25);
    }

    private static void automine(boolean on) {
        TestChain.rpc(f.chain.service(), "evm_setAutomine", List.of(on));
    }

    @Test
    void fiftyConcurrentTransactionsFromOneKeyAllLand() throws Exception {
        Web3jTransactions transactions = f.chain.account(SENDER);
        Address sender = transactions.address();
        BigInteger nonceBefore = confirmedNonce(sender);
        List<Address> recipients = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            recipients.add(freshAddress());
        }
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<TransactionReceipt>> sent = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                Address to = recipients.get(i);
                long amount = i + 1;
                sent.add(pool.submit(() -> {
                    start.await();
                    return transactions.send("concurrent-" + to, f.book.paymentToken().value(), transfer(to, amount));
                }));
            }
            start.countDown();
            Set<BigInteger> blocks = new HashSet<>();
            for (Future<TransactionReceipt> receipt : sent) {
                TransactionReceipt r = receipt.get(2, TimeUnit.MINUTES);
                assertThat(r.isStatusOK()).isTrue();
                blocks.add(r.getBlockNumber());
            }
            assertThat(blocks).isNotEmpty();
        } finally {
            pool.shutdownNow();
        }
        assertThat(confirmedNonce(sender)).isEqualTo(nonceBefore.add(BigInteger.valueOf(50)));
        for (int i = 0; i < 50; i++) {
            assertThat(f.erc20(f.book.paymentToken()).balanceOf(recipients.get(i).value()).send()).isEqualTo(BigInteger.valueOf(i + 1));
        }
    }

    @Test
    void aStuckTransactionIsReplacedWithHigherFees() throws Exception {
        Web3jTransactions transactions = manager(quick(Duration.ofMillis(700), 3), new InMemoryTransactionJournal());
        Address to = freshAddress();
        automine(false);
        try {
            CompletableFuture<TransactionReceipt> sending = CompletableFuture.supplyAsync(
                    () -> transactions.send("stuck", f.book.paymentToken().value(), transfer(to, 5)));
            await().atMost(Duration.ofSeconds(20)).until(() -> transactions.transactionHashes("stuck").size() >= 2);
            TestChain.rpc(f.chain.service(), "evm_mine", List.of());
            TransactionReceipt receipt = sending.get(30, TimeUnit.SECONDS);

            List<String> hashes = transactions.transactionHashes("stuck");
            assertThat(hashes.indexOf(receipt.getTransactionHash())).isGreaterThan(0); // a replacement, not the original
            var original = f.chain.web3j().ethGetTransactionByHash(hashes.get(0)).send().getTransaction();
            assertThat(original).isEmpty(); // replaced in the pool, never mined
            assertThat(f.erc20(f.book.paymentToken()).balanceOf(to.value()).send()).isEqualTo(BigInteger.valueOf(5));
        } finally {
            automine(true);
        }
    }

    @Test
    void aRetryAfterATimeoutAndACrashWaitsForTheJournaledTransactionInsteadOfSendingAgain(@TempDir Path journalDir) throws Exception {
        Address to = freshAddress();
        Address sender = Address.of(key().getAddress());
        BigInteger nonceBefore = confirmedNonce(sender);
        automine(false);
        try {
            Web3jTransactions beforeCrash = manager(quick(Duration.ofMillis(300), 0), new FileTransactionJournal(journalDir));
            assertThatThrownBy(() -> beforeCrash.send("pay-invoice-17", f.book.paymentToken().value(), transfer(to, 17)))
                    .isInstanceOf(ChainException.TimedOut.class);
        } finally {
            automine(true);
        }
        TestChain.rpc(f.chain.service(), "evm_mine", List.of()); // the node mines the pending transaction meanwhile
        assertThat(confirmedNonce(sender)).isEqualTo(nonceBefore.add(BigInteger.ONE));

        // a new process, same journal: the retry finds the mined transaction and sends nothing
        Web3jTransactions afterCrash = manager(quick(Duration.ofSeconds(10), 2), new FileTransactionJournal(journalDir));
        TransactionReceipt receipt = afterCrash.send("pay-invoice-17", f.book.paymentToken().value(), transfer(to, 17));

        assertThat(receipt.isStatusOK()).isTrue();
        assertThat(confirmedNonce(sender)).isEqualTo(nonceBefore.add(BigInteger.ONE));
        assertThat(f.erc20(f.book.paymentToken()).balanceOf(to.value()).send()).isEqualTo(BigInteger.valueOf(17));
    }

    @Test
    void aRetryOfATransactionThatNeverReachedTheChainSendsItAgain(@TempDir Path journalDir) throws Exception {
        Address to = freshAddress();
        FileTransactionJournal journal = new FileTransactionJournal(journalDir);
        Address sender = Address.of(key().getAddress());
        // journaled with a nonce that another transaction then used: it can never be mined
        BigInteger used = confirmedNonce(sender);
        journal.save(new TransactionJournal.Entry("lost", sender, used, List.of(signedDummy(used))));
        f.chain.account(SENDER).send(null, f.book.paymentToken().value(), transfer(freshAddress(), 1));

        TransactionReceipt receipt = manager(quick(Duration.ofSeconds(10), 2), journal)
                .send("lost", f.book.paymentToken().value(), transfer(to, 3));

        assertThat(receipt.isStatusOK()).isTrue();
        assertThat(f.erc20(f.book.paymentToken()).balanceOf(to.value()).send()).isEqualTo(BigInteger.valueOf(3));
    }

    private static String signedDummy(BigInteger nonce) {
        var raw = org.web3j.crypto.RawTransaction.createTransaction(Anvil.CHAIN_ID, nonce, BigInteger.valueOf(21_000),
                freshAddress().value(), BigInteger.ONE, "", BigInteger.ONE, BigInteger.TEN.pow(10));
        return org.web3j.utils.Numeric.toHexString(org.web3j.crypto.TransactionEncoder.signMessage(raw, key()));
    }

    @Test
    void aCallAboveTheGasCeilingIsRefusedBeforeSending() {
        TransactionSettings tight = TransactionSettings.defaults().withGasCeiling(25_000);
        Web3jTransactions transactions = manager(tight, new InMemoryTransactionJournal());
        assertThatThrownBy(() -> transactions.send(null, f.book.paymentToken().value(), transfer(freshAddress(), 1)))
                .isInstanceOf(ChainException.GasCeilingExceeded.class);
    }

    @Test
    void anotherProcessUsingTheSameKeyOnlyCostsANonceResync() throws Exception {
        Web3jTransactions first = manager(quick(Duration.ofSeconds(10), 2), new InMemoryTransactionJournal());
        Web3jTransactions second = manager(quick(Duration.ofSeconds(10), 2), new InMemoryTransactionJournal());
        first.send(null, f.book.paymentToken().value(), transfer(freshAddress(), 1));
        second.send(null, f.book.paymentToken().value(), transfer(freshAddress(), 1));

        TransactionReceipt receipt = first.send(null, f.book.paymentToken().value(), transfer(freshAddress(), 1));

        assertThat(receipt.isStatusOK()).isTrue();
    }

    @Test
    void feesFollowEip1559() throws Exception {
        TransactionReceipt receipt = f.chain.account(SENDER).send(null, f.book.paymentToken().value(), transfer(freshAddress(), 1));
        Optional<org.web3j.protocol.core.methods.response.Transaction> tx =
                f.chain.web3j().ethGetTransactionByHash(receipt.getTransactionHash()).send().getTransaction();
        assertThat(tx).isPresent();
        assertThat(tx.get().getType()).isEqualTo("0x2");
        assertThat(tx.get().getMaxFeePerGas()).isGreaterThanOrEqualTo(tx.get().getMaxPriorityFeePerGas());
    }
}
