package io.flashback.chain.web3j;

import io.flashback.chain.Address;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A journal that lives as long as the process: covers timeouts and retries, not crashes. */
public final class InMemoryTransactionJournal implements TransactionJournal {

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    @Override
    public Optional<Entry> find(Address from, String operationId) {
        return Optional.ofNullable(entries.get(from + "/" + operationId));
    }

    @Override
    public void save(Entry entry) {
        entries.put(entry.from() + "/" + entry.operationId(), entry);
    }

    @Override
    public void remove(Address from, String operationId) {
        entries.remove(from + "/" + operationId);
    }
}
