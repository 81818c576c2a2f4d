package io.flashback.chain;

import java.math.BigInteger;

/** An agreement as the escrow holds it. */
public record Agreement(AgreementId id, Address consumer, Address provider, NodeId nodeId, Address token,
                        BigInteger pricePerEpoch, int epochs, long startEpoch, int settledEpochs,
                        AgreementStatus status, int feeBps, BigInteger collateralLocked, int slashBelowPpm,
                        BigInteger slashAmount) {

    /** The epoch that settles next, if any is left. */
    public long nextEpochToSettle() {
        return startEpoch + settledEpochs;
    }
}
