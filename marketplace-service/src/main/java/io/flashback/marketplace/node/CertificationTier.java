package io.flashback.marketplace.node;

/** The registry's certification tiers, lowest first: a search for a tier finds that tier and better ones. */
public enum CertificationTier {
    BRONZE, SILVER, GOLD;

    /** 1 for BRONZE up to 3 for GOLD (0 is "not certified" in the database). */
    public int rank() {
        return ordinal() + 1;
    }
}
