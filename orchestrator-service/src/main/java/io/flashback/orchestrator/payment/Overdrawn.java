package io.flashback.orchestrator.payment;

/** A posting would take an account below zero on its normal side; it is refused whole and nothing is booked. */
public class Overdrawn extends RuntimeException {

    private final LedgerAccount account;

    public Overdrawn(LedgerAccount account, Money balance, String reference) {
        super(reference + " would overdraw " + account + " (balance " + balance + ")");
        this.account = account;
    }

    public LedgerAccount account() {
        return account;
    }
}
