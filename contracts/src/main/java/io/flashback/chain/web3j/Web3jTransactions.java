package io.flashback.chain.web3j;

import io.flashback.chain.Address;
import io.flashback.chain.ChainException;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.crypto.transaction.type.Transaction1559;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sends transactions for one signing key. One instance per key and process: it owns the key's nonce.
 * <ul>
 *   <li>Nonces are handed out under a lock and the signed transaction is broadcast before the lock is
 *       released, so concurrent callers reach the node in nonce order; a "nonce too low" answer or a
 *       lost connection makes it re-read the nonce from the chain.</li>
 *   <li>Gas is estimated (which also surfaces reverts with the contract's error name) plus a margin,
 *       under a ceiling; fees are EIP-1559 (https://eips.ethereum.org/EIPS/eip-1559).</li>
 *   <li>Every transaction belongs to an operation id and is written to the {@link TransactionJournal}
 *       before it is broadcast. Receipts are awaited with a timeout, after which the same nonce is
 *       re-signed with higher fees (a replacement). Calling {@link #send} again with the same operation
 *       id after a timeout or a crash finds the journaled transactions and waits for (or re-broadcasts)
 *       them instead of signing a new one — so an operation is never executed twice.</li>
 * </ul>
 */
public final class Web3jTransactions {

    private final Web3j web3j;
    private final Credentials credentials;
    private final Address address;
    private final long chainId;
    private final TransactionSettings settings;
    private final TransactionJournal journal;
    private final ReentrantLock nonceLock = new ReentrantLock();
    private BigInteger nextNonce; // null: unknown, read from the chain on next use

    public Web3jTransactions(Web3j web3j, Credentials credentials, long chainId, TransactionSettings settings,
                             TransactionJournal journal) {
        this.web3j = web3j;
        this.credentials = credentials;
        this.address = Address.of(credentials.getAddress());
        this.chainId = chainId;
        this.settings = settings;
        this.journal = journal;
    }

    /** With default settings, an in-memory journal and the chain id asked from the node. */
    public static Web3jTransactions connect(Web3j web3j, Credentials credentials) {
        try {
            long chainId = web3j.ethChainId().send().getChainId().longValueExact();
            return new Web3jTransactions(web3j, credentials, chainId, TransactionSettings.defaults(),
                    new InMemoryTransactionJournal());
        } catch (IOException e) {
            throw new ChainException.Unavailable("cannot reach the chain to read its id", e);
        }
    }

    public Address address() {
        return address;
    }

    public Web3j web3j() {
        return web3j;
    }

    public long chainId() {
        return chainId;
    }

    public TransactionSettings settings() {
        return settings;
    }

    public TransactionReceipt send(String operationId, String to, String data) {
        return send(operationId, to, data, BigInteger.ZERO);
    }

    /** Deploys a contract ({@code initCode} = bytecode + encoded constructor arguments). */
    public TransactionReceipt deploy(String operationId, String initCode) {
        return send(operationId, null, initCode, BigInteger.ZERO);
    }

    /**
     * Sends {@code data} to {@code to} as operation {@code operationId} (null: a one-off operation
     * that cannot be safely retried) and returns the successful receipt.
     *
     * @throws ChainException.Reverted when the contract rejects the call (estimation or on chain)
     * @throws ChainException.TimedOut when no receipt came in time even after replacements
     * @throws ChainException.Unavailable when the node cannot be reached
     */
    public TransactionReceipt send(String operationId, String to, String data, BigInteger value) {
        String operation = operationId != null ? operationId : "one-off/" + UUID.randomUUID();
        Optional<TransactionJournal.Entry> journaled = journal.find(address, operation);
        if (journaled.isPresent()) {
            Optional<TransactionReceipt> resumed = resume(journaled.get());
            if (resumed.isPresent()) {
                return successful(resumed.get());
            }
        }
        BigInteger gasLimit = gasLimit(to, data, value);
        Fees fees = currentFees();
        TransactionJournal.Entry entry = signAndBroadcast(operation, to, data, value, gasLimit, fees);
        return successful(await(entry));
    }

    /** Gas for the call with the configured margin, refusing anything above the ceiling. */
    public BigInteger gasLimit(String to, String data, BigInteger value) {
        Transaction call = new Transaction(address.value(), null, null, null, to, value, data);
        EthEstimateGas estimate = request(() -> web3j.ethEstimateGas(call).send());
        if (estimate.hasError()) {
            throw RevertDecoder.decode(errorData(estimate), estimate.getError().getMessage());
        }
        BigInteger gas = estimate.getAmountUsed();
        if (gas.compareTo(settings.gasCeiling()) > 0) {
            throw new ChainException.GasCeilingExceeded("needs " + gas + " gas, ceiling is " + settings.gasCeiling());
        }
        BigInteger withMargin = gas.multiply(BigInteger.valueOf(100 + settings.gasMarginPercent())).divide(BigInteger.valueOf(100));
        return withMargin.min(settings.gasCeiling());
    }

    // ------------------------------------------------------------------ sending

    private TransactionJournal.Entry signAndBroadcast(String operation, String to, String data, BigInteger value,
                                                      BigInteger gasLimit, Fees fees) {
        nonceLock.lock();
        try {
            for (int attempt = 0; ; attempt++) {
                BigInteger nonce = nonce();
                String signed = sign(nonce, gasLimit, to, value, data, fees);
                TransactionJournal.Entry entry = new TransactionJournal.Entry(operation, address, nonce, List.of(signed));
                journal.save(entry);
                Broadcast result = broadcast(signed);
                // Too low, or taken by a transaction we do not know in the pool (underpriced): another
                // process used the key, or the node restarted. Re-read the nonce and sign again.
                if (result != Broadcast.SENT && attempt < 3) {
                    nextNonce = null;
                    continue;
                }
                if (result != Broadcast.SENT) {
                    throw new ChainException.Reverted("NonceTooLow", List.of(), "nonce " + nonce + " keeps being taken");
                }
                nextNonce = nonce.add(BigInteger.ONE);
                return entry;
            }
        } finally {
            nonceLock.unlock();
        }
    }

    private BigInteger nonce() {
        if (nextNonce == null) {
            nextNonce = request(() -> web3j.ethGetTransactionCount(address.value(), DefaultBlockParameterName.PENDING).send())
                    .getTransactionCount();
        }
        return nextNonce;
    }

    private void forgetNonce() {
        nonceLock.lock(); // reentrant: also called while the lock is held
        try {
            nextNonce = null;
        } finally {
            nonceLock.unlock();
        }
    }

    private String sign(BigInteger nonce, BigInteger gasLimit, String to, BigInteger value, String data, Fees fees) {
        RawTransaction raw = RawTransaction.createTransaction(chainId, nonce, gasLimit, to == null ? "" : to, value, data,
                fees.priority(), fees.max());
        return Numeric.toHexString(TransactionEncoder.signMessage(raw, credentials));
    }

    private enum Broadcast { SENT, NONCE_TOO_LOW, UNDERPRICED }

    private Broadcast broadcast(String signed) {
        EthSendTransaction response;
        try {
            response = web3j.ethSendRawTransaction(signed).send();
        } catch (IOException e) {
            // The node may or may not have it: forget the nonce; a retry of the operation re-broadcasts it.
            forgetNonce();
            throw new ChainException.Unavailable("cannot reach the chain to send a transaction", e);
        }
        if (!response.hasError()) {
            return Broadcast.SENT;
        }
        String message = response.getError().getMessage().toLowerCase();
        if (message.contains("already known") || message.contains("already imported") || message.contains("known transaction")) {
            return Broadcast.SENT;
        }
        if (message.contains("nonce too low") || message.contains("nonce has already been used")) {
            return Broadcast.NONCE_TOO_LOW;
        }
        if (message.contains("underpriced")) {
            return Broadcast.UNDERPRICED;
        }
        throw RevertDecoder.decode(response.getError().getData() instanceof String s ? s : null,
                "transaction rejected: " + response.getError().getMessage());
    }

    // ------------------------------------------------------------------ waiting, replacing, resuming

    private TransactionReceipt await(TransactionJournal.Entry sent) {
        TransactionJournal.Entry entry = sent;
        while (true) {
            Optional<TransactionReceipt> receipt = poll(entry, settings.receiptTimeout());
            if (receipt.isPresent()) {
                return receipt.get();
            }
            if (entry.signedTransactions().size() > settings.maxReplacements()) {
                throw new ChainException.TimedOut("no receipt for " + entry.operationId() + " (nonce " + entry.nonce()
                        + ") after " + settings.maxReplacements() + " replacements; retry with the same operation id");
            }
            entry = replace(entry);
        }
    }

    /** Re-signs the operation's last transaction with the same nonce and fees raised by the bump. */
    private TransactionJournal.Entry replace(TransactionJournal.Entry entry) {
        Transaction1559 last = (Transaction1559) TransactionDecoder.decode(entry.signedTransactions().getLast()).getTransaction();
        BigInteger bump = BigInteger.valueOf(100 + settings.replacementBumpPercent());
        BigInteger hundred = BigInteger.valueOf(100);
        Fees market = currentFees();
        BigInteger priority = last.getMaxPriorityFeePerGas().multiply(bump).divide(hundred).max(market.priority());
        BigInteger max = last.getMaxFeePerGas().multiply(bump).divide(hundred).max(market.max()).max(priority);
        String to = last.getTo() == null || last.getTo().isEmpty() ? null : last.getTo();
        String signed = sign(entry.nonce(), last.getGasLimit(), to, last.getValue(), last.getData(), new Fees(priority, max));
        TransactionJournal.Entry replaced = entry.with(signed);
        journal.save(replaced);
        broadcast(signed); // underpriced: the next round bumps again
        return replaced;
    }

    /**
     * Picks up an operation found in the journal: its receipt if one of its transactions was mined;
     * nothing (so the caller sends afresh) if its nonce was used by something else, which means none of
     * its transactions can ever be mined; otherwise re-broadcasts it and waits.
     */
    private Optional<TransactionReceipt> resume(TransactionJournal.Entry entry) {
        Optional<TransactionReceipt> mined = receiptOfAny(entry);
        if (mined.isPresent()) {
            return mined;
        }
        BigInteger confirmed = request(() -> web3j.ethGetTransactionCount(address.value(), DefaultBlockParameterName.LATEST).send())
                .getTransactionCount();
        if (confirmed.compareTo(entry.nonce()) > 0) {
            mined = receiptOfAny(entry); // mined between the two reads?
            if (mined.isPresent()) {
                return mined;
            }
            journal.remove(address, entry.operationId());
            return Optional.empty();
        }
        nonceLock.lock();
        try {
            broadcast(entry.signedTransactions().getLast());
            if (nextNonce != null && nextNonce.compareTo(entry.nonce()) <= 0) {
                nextNonce = entry.nonce().add(BigInteger.ONE);
            }
        } finally {
            nonceLock.unlock();
        }
        return Optional.of(await(entry));
    }

    private Optional<TransactionReceipt> poll(TransactionJournal.Entry entry, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        ChainException.Unavailable lastFailure = null;
        while (true) {
            try {
                Optional<TransactionReceipt> receipt = receiptOfAny(entry);
                if (receipt.isPresent()) {
                    return receipt;
                }
                lastFailure = null;
            } catch (ChainException.Unavailable e) {
                lastFailure = e;
            }
            if (System.nanoTime() >= deadline) {
                if (lastFailure != null) {
                    throw lastFailure;
                }
                return Optional.empty();
            }
            pause(settings.pollInterval());
        }
    }

    private Optional<TransactionReceipt> receiptOfAny(TransactionJournal.Entry entry) {
        for (String signed : entry.signedTransactions()) {
            String hash = Hash.sha3(signed);
            Optional<TransactionReceipt> receipt = request(() -> web3j.ethGetTransactionReceipt(hash).send()).getTransactionReceipt();
            if (receipt.isPresent()) {
                return receipt;
            }
        }
        return Optional.empty();
    }

    private TransactionReceipt successful(TransactionReceipt receipt) {
        if (!receipt.isStatusOK()) {
            throw new ChainException.Reverted("TransactionFailed", List.of(receipt.getTransactionHash()),
                    "transaction " + receipt.getTransactionHash() + " reverted on chain");
        }
        return receipt;
    }

    // ------------------------------------------------------------------ fees and plumbing

    private record Fees(BigInteger priority, BigInteger max) {
    }

    /** max fee = 2 × base fee + priority fee: stays includable through six full blocks of base fee rises. */
    private Fees currentFees() {
        BigInteger baseFee = Optional.ofNullable(request(() -> web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send())
                .getBlock().getBaseFeePerGas()).orElse(BigInteger.ZERO);
        BigInteger priority = settings.priorityFee().orElseGet(
                () -> request(() -> web3j.ethMaxPriorityFeePerGas().send()).getMaxPriorityFeePerGas());
        BigInteger max = baseFee.shiftLeft(1).add(priority).min(settings.maxFeeCap()).max(priority);
        return new Fees(priority, max);
    }

    private static String errorData(Response<?> response) {
        Object data = response.getError().getData();
        return data instanceof String s ? s : null;
    }

    @FunctionalInterface
    interface Rpc<T> {
        T call() throws IOException;
    }

    static <T extends Response<?>> T request(Rpc<T> rpc) {
        try {
            return rpc.call();
        } catch (IOException e) {
            throw new ChainException.Unavailable("cannot reach the chain: " + e.getMessage(), e);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChainException.Unavailable("interrupted while waiting for a receipt", e);
        }
    }

    /** All hashes sent so far for an operation (for logs and tests). */
    public List<String> transactionHashes(String operationId) {
        List<String> hashes = new ArrayList<>();
        journal.find(address, operationId).ifPresent(e -> e.signedTransactions().forEach(s -> hashes.add(Hash.sha3(s))));
        return hashes;
    }
}
