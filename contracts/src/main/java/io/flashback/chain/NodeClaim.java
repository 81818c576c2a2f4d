package io.flashback.chain;

import java.math.BigInteger;
import java.time.Instant;

/**
 * What a bridge node signs to be bound to a provider wallet (EIP-712 struct
 * {@code NodeClaim(bytes32 nodeId,address provider,uint256 nonce,uint256 deadline)}); the signer
 * is the node address. {@code nonce} is the registry's current nonce for the node address.
 */
public record NodeClaim(NodeId nodeId, Address nodeAddress, Address provider, BigInteger nonce, Instant deadline) {
}
