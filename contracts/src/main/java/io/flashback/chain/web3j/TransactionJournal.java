package io.flashback.chain.web3j;

import io.flashback.chain.Address;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * Remembers, per operation id, the signed transactions sent for it (the original and its fee-bumped
 * replacements, all with one nonce) before they are sent. A retry of the operation after a crash or a
 * timeout looks here first: a signed transaction with a fixed nonce can be mined at most once, so
 * re-broadcasting it (rather than signing a new one) can never do the operation twice.
 */
public interface TransactionJournal {

    record Entry(String operationId, Address from, BigInteger nonce, List<String> signedTransactions) {
        public Entry {
            signedTransactions = List.copyOf(signedTransactions);
        }

        public Entry with(String signedTransaction) {
            var all = new java.util.ArrayList<>(signedTransactions);
            all.add(signedTransaction);
            return new Entry(operationId, from, nonce, all);
        }
    }

    Optional<Entry> find(Address from, String operationId);

    void save(Entry entry);

    void remove(Address from, String operationId);
}
