package io.flashback.oracle.ingest.internal;

import io.flashback.oracle.ingest.Transactions;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.function.Supplier;

/** {@link Transactions} with Spring's {@link TransactionTemplate} (rolls back on any runtime exception). */
final class SpringTransactions implements Transactions {

    private final TransactionTemplate template;

    SpringTransactions(TransactionTemplate template) {
        this.template = template;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return template.execute(status -> work.get());
    }
}
