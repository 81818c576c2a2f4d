package io.flashback.registry.node;

import io.flashback.registry.identity.InvalidSignature;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.crypto.StructuredDataEncoder;
import org.web3j.utils.Numeric;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigInteger;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The EIP-712 node claim, checked against web3j's independent EIP-712 encoder and signed with keys made here. */
class NodeClaimTypedDataTest {

    private static final UUID NODE = UUID.fromString("3f2b1a0c-9d8e-4c7b-a6f5-e4d3c2b1a090");
    private final NodeClaimTypedData claim = new NodeClaimTypedData(31337, "0x5fbdb2315678afecb367f032d93f642f64180aa3", NODE,
            "0x70997970c51812dc3a010c7d01b50e20d4dc79c8", BigInteger.ZERO, 1_795_000_000L);

    @Test
    void digestIsTheOneAGenericEip712EncoderComputesFromTheTypedDataJson() throws Exception {
        String typedData = JsonMapper.builder().build().writeValueAsString(claim.asJson());

        byte[] expected = new StructuredDataEncoder(typedData).hashStructuredData();

        assertThat(Numeric.toHexString(claim.digest())).isEqualTo(Numeric.toHexString(expected));
    }

    @Test
    void nodeIdOnChainIsTheUuidLeftAlignedInThirtyTwoBytes() {
        assertThat(NodeClaimTypedData.nodeIdBytes32(NODE)).isEqualTo("0x3f2b1a0c9d8e4c7ba6f5e4d3c2b1a090" + "0".repeat(32));
    }

    @Test
    void recoversTheNodeKeyThatSignedTheDigest() throws Exception {
        ECKeyPair nodeKey = Keys.createEcKeyPair();

        String signature = sign(claim, nodeKey);

        assertThat(claim.signer(signature)).isEqualTo("0x" + Keys.getAddress(nodeKey));
    }

    @Test
    void aSignatureForAnotherProviderRecoversAnotherSigner() throws Exception {
        ECKeyPair nodeKey = Keys.createEcKeyPair();
        NodeClaimTypedData forSomebodyElse = new NodeClaimTypedData(31337, claim.verifyingContract(), NODE,
                "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc", BigInteger.ZERO, claim.deadline());

        assertThat(claim.signer(sign(forSomebodyElse, nodeKey))).isNotEqualTo("0x" + Keys.getAddress(nodeKey));
    }

    @Test
    void rejectsAMalformedSignature() {
        assertThatThrownBy(() -> claim.signer("0xabc")).isInstanceOf(InvalidSignature.class);
    }

    static String sign(NodeClaimTypedData claim, ECKeyPair key) {
        Sign.SignatureData data = Sign.signMessage(claim.digest(), key, false);
        byte[] bytes = new byte[65];
        System.arraycopy(data.getR(), 0, bytes, 0, 32);
        System.arraycopy(data.getS(), 0, bytes, 32, 32);
        bytes[64] = data.getV()[0];
        return Numeric.toHexString(bytes);
    }
}
