package io.flashback.bridge.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;
import tools.jackson.databind.node.ObjectNode;

/**
 * The EIP-712 claim (https://eips.ethereum.org/EIPS/eip-712) the node signs from the registry's claim terms, checked
 * against the digest computed by hand the way BridgeNodeRegistry does: keccak256(0x1901 ‖ domainSeparator ‖ hashStruct).
 */
class ClaimTermsTest {
    static final long CHAIN_ID = 31337;
    static final String REGISTRY = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
    private static final UUID NODE = UUID.fromString("3f2b1a0c-9d8e-4c7b-a6f5-e4d3c2b1a090");
    private static final String PROVIDER = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65";
    private static final long DEADLINE = 1_795_086_400L;

    @Test
    void theNodeIdIsTheUuidLeftAlignedIn32Bytes() {
        assertThat(Claim.nodeIdBytes32(NODE)).isEqualTo("0x3f2b1a0c9d8e4c7ba6f5e4d3c2b1a090" + "0".repeat(32));
    }

    @Test
    void theDigestOfTheTermsIsTheNodeClaimDigestBridgeNodeRegistryChecks() {
        ECKeyPair pair = ECKeyPair.create(BigInteger.valueOf(0xF1A5B4C));
        String address = "0x" + Keys.getAddress(pair);

        byte[] digest = Claim.digest(terms(NODE, address, PROVIDER, DEADLINE), NODE, address);

        assertThat(Numeric.toHexString(digest)).isEqualTo(Numeric.toHexString(expectedDigest(NODE, PROVIDER, DEADLINE)));
        assertThat(recover(NODE, PROVIDER, DEADLINE, NodeKey.of(pair).signDigest(digest))).isEqualTo(address);
    }

    @Test
    void termsForAnotherNodeAreNotSigned() {
        ObjectNode terms = terms(NODE, "0x90f79bf6eb2c4f870365e785982e1f101e93b906", PROVIDER, DEADLINE);
        ((ObjectNode) terms.path("typedData").path("message")).put("nodeId", Claim.nodeIdBytes32(UUID.randomUUID()));

        assertThatThrownBy(() -> Claim.digest(terms, NODE, "0x90f79bf6eb2c4f870365e785982e1f101e93b906"))
                .isInstanceOf(PlatformException.class).hasMessageContaining("another node id").hasMessageContaining("did not sign");
    }

    @Test
    void termsWhoseProviderDiffersFromTheTypedDataAreNotSigned() {
        ObjectNode terms = terms(NODE, "0x90f79bf6eb2c4f870365e785982e1f101e93b906", PROVIDER, DEADLINE);
        terms.put("provider", "0x0000000000000000000000000000000000000001");

        assertThatThrownBy(() -> Claim.digest(terms, NODE, "0x90f79bf6eb2c4f870365e785982e1f101e93b906")).hasMessageContaining("provider");
    }

    @Test
    void claimCodesAreTakenAsTheProviderTypesThem() {
        assertThat(Claim.normalizeCode("abcd-efgh-2345")).isEqualTo("ABCD-EFGH-2345");
        assertThat(Claim.normalizeCode(" ABCDEFGH2345 ")).isEqualTo("ABCD-EFGH-2345");
        assertThatThrownBy(() -> Claim.normalizeCode("ABCD-EFGH")).hasMessageContaining("not a claim code");
    }

    /** The claim terms as registry-service answers {@code POST /nodes/{id}/claim-terms}. */
    static ObjectNode terms(UUID nodeId, String nodeAddress, String provider, long deadline) {
        Map<String, Object> typedData = Map.of(
                "types", Map.of(
                        "EIP712Domain", List.of(field("name", "string"), field("version", "string"), field("chainId", "uint256"),
                                field("verifyingContract", "address")),
                        "NodeClaim", List.of(field("nodeId", "bytes32"), field("provider", "address"), field("nonce", "uint256"),
                                field("deadline", "uint256"))),
                "primaryType", "NodeClaim",
                "domain", Map.of("name", "Flashback BridgeNodeRegistry", "version", "1", "chainId", CHAIN_ID, "verifyingContract", REGISTRY),
                "message", Map.of("nodeId", Claim.nodeIdBytes32(nodeId), "provider", provider, "nonce", "0", "deadline", deadline));
        return (ObjectNode) PlatformClient.JSON.valueToTree(Map.of("nodeId", nodeId.toString(), "nodeAddress", nodeAddress, "provider", provider,
                "nodeIdBytes32", Claim.nodeIdBytes32(nodeId), "nonce", "0", "deadline", deadline, "typedData", typedData));
    }

    static String recover(UUID nodeId, String provider, long deadline, String signature) {
        byte[] bytes = Numeric.hexStringToByteArray(signature);
        try {
            return "0x" + Keys.getAddress(Sign.signedMessageHashToKey(expectedDigest(nodeId, provider, deadline),
                    new Sign.SignatureData(bytes[64], Arrays.copyOfRange(bytes, 0, 32), Arrays.copyOfRange(bytes, 32, 64))));
        } catch (java.security.SignatureException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] expectedDigest(UUID nodeId, String provider, long deadline) {
        byte[] domainSeparator = Hash.sha3(concat(
                keccak("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak("Flashback BridgeNodeRegistry"), keccak("1"), word(BigInteger.valueOf(CHAIN_ID)), word(Numeric.toBigInt(REGISTRY))));
        byte[] structHash = Hash.sha3(concat(
                keccak("NodeClaim(bytes32 nodeId,address provider,uint256 nonce,uint256 deadline)"),
                ByteBuffer.allocate(32).putLong(nodeId.getMostSignificantBits()).putLong(nodeId.getLeastSignificantBits()).array(),
                word(Numeric.toBigInt(provider)), word(BigInteger.ZERO), word(BigInteger.valueOf(deadline))));
        return Hash.sha3(concat(new byte[] {0x19, 0x01}, domainSeparator, structHash));
    }

    private static Map<String, String> field(String name, String type) {
        return Map.of("name", name, "type", type);
    }

    private static byte[] keccak(String text) {
        return Hash.sha3(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] word(BigInteger value) {
        return Numeric.toBytesPadded(value, 32);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) out.writeBytes(part);
        return out.toByteArray();
    }

}
