package io.flashback.orchestrator.payment;

/** One line of a ledger transaction: a signed amount on one account, debits positive and credits negative. */
public record LedgerEntry(LedgerAccount account, Money amount) {

    public LedgerEntry {
        if (account == null || amount == null || amount.isZero()) {
            throw new IllegalArgumentException("an entry moves a non-zero amount on an account");
        }
        if (!account.currency().equals(amount.currency())) {
            throw new IllegalArgumentException("account " + account + " holds " + account.currency() + ", not " + amount.currency());
        }
    }

    /** How the entry moves the account's balance on its normal side. */
    public Money normalChange() {
        return account.kind().normalSign() > 0 ? amount : amount.negate();
    }
}
