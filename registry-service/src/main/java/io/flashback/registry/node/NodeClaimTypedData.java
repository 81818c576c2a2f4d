package io.flashback.registry.node;

import io.flashback.registry.identity.InvalidSignature;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SignatureException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The EIP-712 claim (https://eips.ethereum.org/EIPS/eip-712) a bridge node signs to be bound to a
 * provider wallet, exactly as BridgeNodeRegistry checks it:
 * {@code NodeClaim(bytes32 nodeId,address provider,uint256 nonce,uint256 deadline)} in the domain
 * {@code ("Flashback BridgeNodeRegistry", "1", chainId, registry)}. The node id on chain is the
 * platform's UUID left-aligned in 32 bytes.
 */
public record NodeClaimTypedData(long chainId, String verifyingContract, UUID nodeId, String provider, BigInteger nonce,
                                 long deadline) {

    public static final String DOMAIN_NAME = "Flashback BridgeNodeRegistry";
    public static final String DOMAIN_VERSION = "1";
    static final String DOMAIN_TYPE = "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)";
    static final String CLAIM_TYPE = "NodeClaim(bytes32 nodeId,address provider,uint256 nonce,uint256 deadline)";
    private static final Pattern SIGNATURE = Pattern.compile("0x[0-9a-fA-F]{130}");

    public static String nodeIdBytes32(UUID nodeId) {
        return Numeric.toHexString(ByteBuffer.allocate(32).putLong(nodeId.getMostSignificantBits())
                .putLong(nodeId.getLeastSignificantBits()).array());
    }

    public byte[] domainSeparator() {
        return Hash.sha3(concat(
                Hash.sha3(DOMAIN_TYPE.getBytes(StandardCharsets.UTF_8)),
                Hash.sha3(DOMAIN_NAME.getBytes(StandardCharsets.UTF_8)),
                Hash.sha3(DOMAIN_VERSION.getBytes(StandardCharsets.UTF_8)),
                uint(BigInteger.valueOf(chainId)),
                address(verifyingContract)));
    }

    public byte[] structHash() {
        return Hash.sha3(concat(
                Hash.sha3(CLAIM_TYPE.getBytes(StandardCharsets.UTF_8)),
                Numeric.hexStringToByteArray(nodeIdBytes32(nodeId)),
                address(provider),
                uint(nonce),
                uint(BigInteger.valueOf(deadline))));
    }

    /** keccak256("\x19\x01" ‖ domainSeparator ‖ hashStruct(claim)). */
    public byte[] digest() {
        return Hash.sha3(concat(new byte[] {0x19, 0x01}, domainSeparator(), structHash()));
    }

    /** The lower-case address whose key signed this claim. */
    public String signer(String signature) {
        if (signature == null || !SIGNATURE.matcher(signature).matches()) {
            throw new InvalidSignature("the claim signature must be 65 bytes of 0x-prefixed hex (r, s, v)");
        }
        byte[] bytes = Numeric.hexStringToByteArray(signature);
        byte v = bytes[64] < 27 ? (byte) (bytes[64] + 27) : bytes[64];
        try {
            BigInteger key = Sign.signedMessageHashToKey(digest(),
                    new Sign.SignatureData(v, Arrays.copyOfRange(bytes, 0, 32), Arrays.copyOfRange(bytes, 32, 64)));
            return "0x" + Keys.getAddress(key);
        } catch (SignatureException | IllegalArgumentException e) {
            throw new InvalidSignature("the claim signature does not recover to a public key");
        }
    }

    /** The typed data as {@code eth_signTypedData_v4} takes it, for nodes that sign with a generic EIP-712 library. */
    public Map<String, Object> asJson() {
        Map<String, Object> domain = new LinkedHashMap<>();
        domain.put("name", DOMAIN_NAME);
        domain.put("version", DOMAIN_VERSION);
        domain.put("chainId", chainId);
        domain.put("verifyingContract", verifyingContract);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("nodeId", nodeIdBytes32(nodeId));
        message.put("provider", provider);
        message.put("nonce", nonce.toString());
        message.put("deadline", deadline);
        return Map.of(
                "types", Map.of(
                        "EIP712Domain", List.of(field("name", "string"), field("version", "string"), field("chainId", "uint256"),
                                field("verifyingContract", "address")),
                        "NodeClaim", List.of(field("nodeId", "bytes32"), field("provider", "address"), field("nonce", "uint256"),
                                field("deadline", "uint256"))),
                "primaryType", "NodeClaim",
                "domain", domain,
                "message", message);
    }

    private static Map<String, String> field(String name, String type) {
        return Map.of("name", name, "type", type);
    }

    private static byte[] uint(BigInteger value) {
        return Numeric.toBytesPadded(value, 32);
    }

    private static byte[] address(String address) {
        return Numeric.toBytesPadded(Numeric.toBigInt(address), 32);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
