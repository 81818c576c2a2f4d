package io.flashback.chain.eip712;

import io.flashback.chain.Bytes32;
import io.flashback.chain.NodeClaim;
import io.flashback.chain.SignedNodeClaim;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;

import java.math.BigInteger;

/**
 * EIP-712 node claims as BridgeNodeRegistry checks them: the node signs
 * {@code NodeClaim(bytes32 nodeId,address provider,uint256 nonce,uint256 deadline)} with its node key.
 */
public final class NodeClaims {

    public static final String TYPE = "NodeClaim(bytes32 nodeId,address provider,uint256 nonce,uint256 deadline)";

    private NodeClaims() {
    }

    public static Bytes32 digest(NodeClaim claim, Eip712Domain domain) {
        return domain.digest(TypedData.hashStruct(TYPE,
                TypedData.bytes32(claim.nodeId().value()),
                TypedData.address(claim.provider()),
                TypedData.uint(claim.nonce()),
                TypedData.uint(BigInteger.valueOf(claim.deadline().getEpochSecond()))));
    }

    /** Signs {@code claim} with the node key (whose address must be the claim's node address). */
    public static SignedNodeClaim sign(NodeClaim claim, Eip712Domain domain, ECKeyPair nodeKey) {
        String keyAddress = "0x" + Keys.getAddress(nodeKey);
        if (!keyAddress.equalsIgnoreCase(claim.nodeAddress().value())) {
            throw new IllegalArgumentException("the node key's address " + keyAddress + " is not the claim's node address");
        }
        return new SignedNodeClaim(claim, Eip712Signer.sign(digest(claim, domain), nodeKey));
    }
}
