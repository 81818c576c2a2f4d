package io.flashback.orchestrator.payment;

/**
 * The accounts of the fiat ledger (ADR 0006). Each has a normal side: the clearing account is money the platform
 * holds at the payment provider (an asset, debit-normal); every other account is what the platform owes someone
 * or has earned (credit-normal). No account's balance on its normal side may go below zero.
 */
public enum AccountKind {
    /** Money held for the platform at a payment provider; owner: the provider's name. */
    PROVIDER_CLEARING(Side.DEBIT),
    /** A consumer's prepaid money not bound to any agreement; owner: the consumer account. */
    CONSUMER_BALANCE(Side.CREDIT),
    /** The prepaid price of one agreement, drawn epoch by epoch; owner: the agreement. */
    AGREEMENT_RESERVE(Side.CREDIT),
    /** What the platform owes a provider for epochs served; owner: the provider account. */
    PROVIDER_PAYABLE(Side.CREDIT),
    /** The platform's earned fees; owner: {@code platform}. */
    PLATFORM_FEES(Side.CREDIT),
    /** Refunds asked of the payment provider and not yet confirmed; owner: the provider's name. */
    REFUNDS_IN_TRANSIT(Side.CREDIT),
    /** Money received for no invoice the orchestrator knows, held until someone sorts it out; owner: the provider's name. */
    UNALLOCATED_RECEIPTS(Side.CREDIT);

    public enum Side { DEBIT, CREDIT }

    private final Side normal;

    AccountKind(Side normal) {
        this.normal = normal;
    }

    public Side normal() {
        return normal;
    }

    /** +1 when a debit raises the balance on the normal side, -1 when a credit does. */
    public int normalSign() {
        return normal == Side.DEBIT ? 1 : -1;
    }
}
