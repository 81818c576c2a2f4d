package io.flashback.chain;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;

/**
 * A claimed bridge node and its collateral in the staking token's smallest unit. {@code bonded}
 * includes {@code locked}; {@code unbonding} is on its way out and can be withdrawn from
 * {@code unbondingEnds}.
 */
public record BridgeNode(NodeId id, Address provider, Address nodeAddress, BigInteger bonded, BigInteger locked,
                         BigInteger unbonding, Optional<Instant> unbondingEnds) {

    public BigInteger free() {
        return bonded.subtract(locked);
    }
}
