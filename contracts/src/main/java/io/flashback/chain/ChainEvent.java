package io.flashback.chain;

import java.math.BigInteger;

/**
 * A contract event, in domain terms. {@link Position} identifies it (stable across re-reads) and
 * says where it happened.
 */
public sealed interface ChainEvent {

    Position position();

    /** Block, transaction and log index; {@code id()} is the idempotency key for consumers. */
    record Position(long blockNumber, Bytes32 blockHash, String transactionHash, int logIndex) {
        public String id() {
            return transactionHash + ":" + logIndex;
        }
    }

    record NodeClaimed(Position position, NodeId nodeId, Address provider, Address nodeAddress) implements ChainEvent {
    }

    record CollateralDeposited(Position position, NodeId nodeId, Address provider, BigInteger amount, BigInteger bonded)
            implements ChainEvent {
    }

    record WithdrawalRequested(Position position, NodeId nodeId, BigInteger amount, BigInteger unbonding,
                               long unbondingEnds) implements ChainEvent {
    }

    record CollateralWithdrawn(Position position, NodeId nodeId, Address provider, BigInteger amount) implements ChainEvent {
    }

    record CollateralLocked(Position position, NodeId nodeId, BigInteger amount, BigInteger locked) implements ChainEvent {
    }

    record CollateralUnlocked(Position position, NodeId nodeId, BigInteger amount, BigInteger locked) implements ChainEvent {
    }

    record CollateralSlashed(Position position, NodeId nodeId, Address recipient, BigInteger amount, BigInteger locked)
            implements ChainEvent {
    }

    record AgreementCreated(Position position, AgreementId id, AgreementRef reference, Address consumer, Address provider,
                            NodeId nodeId, Address token, BigInteger pricePerEpoch, long epochs, long startEpoch)
            implements ChainEvent {
    }

    record AgreementAccepted(Position position, AgreementId id, BigInteger collateralLocked) implements ChainEvent {
    }

    record AgreementRejected(Position position, AgreementId id, BigInteger refund) implements ChainEvent {
    }

    record AgreementCancelled(Position position, AgreementId id, BigInteger refund, long epochs) implements ChainEvent {
    }

    record EpochSettled(Position position, AgreementId id, long epoch, int availabilityPpm, BigInteger providerAmount,
                        BigInteger consumerCredit, BigInteger platformFee, BigInteger slashed) implements ChainEvent {
    }

    /** An epoch settled by the escrow's default for an epoch never reported: the consumer is refunded. */
    record EpochDefaulted(Position position, AgreementId id, long epoch, BigInteger consumerRefund) implements ChainEvent {
    }

    record AgreementCompleted(Position position, AgreementId id) implements ChainEvent {
    }

    record AgreementExpired(Position position, AgreementId id, BigInteger refund) implements ChainEvent {
    }

    record Withdrawn(Position position, Address token, Address account, BigInteger amount) implements ChainEvent {
    }

    record EpochReported(Position position, long epoch, Bytes32 root, Address submitter) implements ChainEvent {
    }
}
