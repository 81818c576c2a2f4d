package io.flashback.orchestrator.payment;

import java.util.List;

/**
 * The fiat ledger (ADR 0006): append-only transactions of balanced entries, balances derived from them and kept
 * in the same database transaction. Every call runs in the caller's transaction.
 */
public interface Ledger {

    /**
     * Books the transaction, or nothing when its reference was booked before (then false). {@link Overdrawn} when it
     * would take an account below zero; nothing is booked then either.
     */
    boolean post(LedgerTransaction transaction);

    Money balance(LedgerAccount account);

    /** The balances of one owner's accounts of one kind, one per currency it has an account in. */
    List<Money> balances(AccountKind kind, String owner);
}
