package io.flashback.orchestrator.payment;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Account balances on their normal side, and the rule that none of them goes below zero: a transaction that would
 * overdraw an account is refused whole ({@link Overdrawn}). Immutable; {@link #after} gives the balances a
 * transaction leaves. The ledger adapter applies it to the locked balances of the accounts a posting touches.
 */
public final class Balances {

    private final Map<LedgerAccount, Money> balances;

    public Balances(Map<LedgerAccount, Money> balances) {
        this.balances = Map.copyOf(balances);
    }

    public static Balances none() {
        return new Balances(Map.of());
    }

    public Money of(LedgerAccount account) {
        return balances.getOrDefault(account, Money.zero(account.currency()));
    }

    /** The new balances of the accounts the transaction touches; {@link Overdrawn} when one would go below zero. */
    public Map<LedgerAccount, Money> changes(LedgerTransaction transaction) {
        Map<LedgerAccount, Money> changed = new LinkedHashMap<>();
        for (LedgerEntry entry : transaction.entries()) {
            Money next = of(entry.account()).plus(entry.normalChange());
            if (next.signum() < 0) {
                throw new Overdrawn(entry.account(), of(entry.account()), transaction.reference());
            }
            changed.put(entry.account(), next);
        }
        return changed;
    }

    public Balances after(LedgerTransaction transaction) {
        Map<LedgerAccount, Money> next = new HashMap<>(balances);
        next.putAll(changes(transaction));
        return new Balances(next);
    }

    /**
     * The balances turned back into debit-positive amounts and added up per currency: zero in every currency when
     * every transaction balanced.
     */
    public Map<String, BigDecimal> signedTotals() {
        Map<String, BigDecimal> totals = new TreeMap<>();
        balances.forEach((account, balance) -> totals.merge(account.currency(),
                balance.amount().multiply(BigDecimal.valueOf(account.kind().normalSign())), BigDecimal::add));
        return totals;
    }

    public Map<LedgerAccount, Money> all() {
        return balances;
    }
}
