package io.flashback.orchestrator.payment.internal;

import io.flashback.chain.Address;
import io.flashback.chain.Bytes32;
import io.flashback.chain.OracleHub;
import io.flashback.orchestrator.payment.PostedEpochRoots;

import java.util.Optional;

/**
 * The roots on the deployment's OracleHub (a free view call each), with the escrow its result leaves name. Without a
 * chain there is {@link #none()}: no root is ever posted, so no fiat epoch settles — fail closed.
 */
final class OracleHubPostedRoots implements PostedEpochRoots {

    private final OracleHub hub;
    private final Address escrow;

    OracleHubPostedRoots(OracleHub hub, Address escrow) {
        this.hub = hub;
        this.escrow = escrow;
    }

    static PostedEpochRoots none() {
        return new PostedEpochRoots() {
            @Override
            public Address escrow() {
                return Address.ZERO;
            }

            @Override
            public Optional<Bytes32> rootOf(long epoch) {
                return Optional.empty();
            }
        };
    }

    @Override
    public Address escrow() {
        return escrow;
    }

    @Override
    public Optional<Bytes32> rootOf(long epoch) {
        return hub.rootOf(epoch);
    }
}
