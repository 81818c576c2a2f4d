package io.flashback.chain;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;

/**
 * The on-chain registry of bridge nodes and their collateral, seen from one provider wallet (the
 * signer of the adapter). Every operation is idempotent: retried after a timeout or a crash it
 * checks the chain before sending again.
 */
public interface NodeRegistry {

    Address address();

    /** Binds the node to this provider wallet with the node's signed claim. */
    TxOutcome claimNode(SignedNodeClaim claim);

    /**
     * Deposits collateral in the staking token (approving the registry first if needed).
     * {@code operationId} names this deposit so that a retry does not deposit twice.
     */
    TxOutcome depositCollateral(NodeId node, BigInteger amount, String operationId);

    /** Starts unbonding free collateral; withdrawable after the unbonding period. */
    TxOutcome requestWithdrawal(NodeId node, BigInteger amount, String operationId);

    /** Withdraws everything whose unbonding period has passed. */
    TxOutcome withdrawCollateral(NodeId node);

    Optional<BridgeNode> node(NodeId node);

    /** The nonce the next claim signed by this node address must carry. */
    BigInteger claimNonce(Address nodeAddress);

    Duration unbondingPeriod();
}
