package io.flashback.chain;

/** The escrow's agreement states, in the contract's enum order (None = 0 is "no such agreement"). */
public enum AgreementStatus {
    PROPOSED, ACTIVE, COMPLETED, CANCELLED, REJECTED, EXPIRED;

    public static AgreementStatus fromOrdinal(int onChain) {
        return values()[onChain - 1];
    }

    public boolean isFinal() {
        return this != PROPOSED && this != ACTIVE;
    }
}
