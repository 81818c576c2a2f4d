package io.flashback.chain.eip712;

import io.flashback.chain.Address;
import io.flashback.chain.Bytes32;
import io.flashback.chain.NodeClaim;
import io.flashback.chain.NodeId;
import io.flashback.chain.SignedNodeClaim;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.UUID;

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

    /**
     * The node id of a node key, as {@code BridgeNodeRegistry.nodeIdFor} derives it: the first 16
     * bytes of keccak256(node address) as an RFC 9562 version-8 UUID
     * (https://www.rfc-editor.org/rfc/rfc9562#section-5.8). A claim for any other id is refused on
     * chain ({@code NodeIdNotOfNodeKey}), so nobody can bind a node's platform id to a key of its own
     * (security issue #13, M5).
     */
    public static UUID nodeUuidOf(Address nodeAddress) {
        byte[] hash = Hash.sha3(Numeric.hexStringToByteArray(nodeAddress.value()));
        hash[6] = (byte) ((hash[6] & 0x0F) | 0x80); // version 8
        hash[8] = (byte) ((hash[8] & 0x3F) | 0x80); // variant 10
        ByteBuffer buffer = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(buffer.getLong(), buffer.getLong());
    }

    /** {@link #nodeUuidOf} left-aligned in 32 bytes, as the registry contract takes it. */
    public static NodeId nodeIdOf(Address nodeAddress) {
        return NodeId.of(nodeUuidOf(nodeAddress));
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
