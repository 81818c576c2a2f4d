package io.flashback.oracle.ingest;

import java.util.function.Supplier;

/** Runs work in one database transaction, rolled back when the work throws. */
public interface Transactions {

    <T> T inTransaction(Supplier<T> work);
}
