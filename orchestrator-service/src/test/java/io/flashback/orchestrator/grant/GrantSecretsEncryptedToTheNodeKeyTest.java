package io.flashback.orchestrator.grant;

import io.flashback.chain.nodekey.NodeKeyEncryption;

import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.utils.Numeric;
import tools.jackson.databind.JsonNode;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ECIES to the node key (ADR 0005) against the fixed test vector the bridge node decrypts too. */
class GrantSecretsEncryptedToTheNodeKeyTest {

    private static final JsonNode VECTOR = GrantFixtures.sample();
    private final NodeKeyEncryption encryption = new NodeKeyEncryption(new SecureRandom());

    @Test
    void aFixedEphemeralKeyAndNonceGiveThePublishedVector() {
        String encrypted = NodeKeyEncryption.encrypt(NodeKeyEncryption.nodeKey(text("nodePublicKey")), text("accessKeyId"),
                text("secret").getBytes(StandardCharsets.UTF_8), Numeric.toBigInt(text("ephemeralPrivateKey")),
                Numeric.hexStringToByteArray(text("nonce")));

        assertThat(encrypted).isEqualTo(text("encryptedSecret"));
    }

    @Test
    void theVectorsNodeKeyDecryptsIt() {
        ECKeyPair node = ECKeyPair.create(Numeric.toBigInt(text("nodePrivateKey")));

        assertThat(GrantFixtures.publicKey(node)).isEqualTo(text("nodePublicKey"));
        assertThat(GrantFixtures.decrypt(node, text("accessKeyId"), text("encryptedSecret"))).isEqualTo(text("secret"));
    }

    @Test
    void theWireFormatIsVersionEphemeralKeyNonceAndSealedSecret() {
        byte[] bytes = Base64.getDecoder().decode(text("encryptedSecret"));

        assertThat(bytes[0]).isEqualTo((byte) 1);
        assertThat(Numeric.toHexString(java.util.Arrays.copyOfRange(bytes, 1, 66))).isEqualTo(text("ephemeralPublicKey"));
        assertThat(Numeric.toHexString(java.util.Arrays.copyOfRange(bytes, 66, 78))).isEqualTo(text("nonce"));
        assertThat(bytes).hasSize(1 + 65 + 12 + text("secret").length() + 16);
    }

    @Test
    void everyEncryptionIsFreshAndOnlyTheNodeKeyOpensIt() {
        ECKeyPair node = GrantFixtures.newNodeKey();
        S3Secret secret = S3Secret.generate(new SecureRandom());

        String first = encryption.encrypt(NodeKeyEncryption.nodeKey(GrantFixtures.publicKey(node)), "FBAAAAAAAAAAAAAAAAAA", secret.value());
        String second = encryption.encrypt(NodeKeyEncryption.nodeKey(GrantFixtures.publicKey(node)), "FBAAAAAAAAAAAAAAAAAA", secret.value());

        assertThat(first).isNotEqualTo(second).doesNotContain(secret.value());
        assertThat(GrantFixtures.decrypt(node, "FBAAAAAAAAAAAAAAAAAA", first)).isEqualTo(secret.value());
        assertThatThrownBy(() -> GrantFixtures.decrypt(GrantFixtures.newNodeKey(), "FBAAAAAAAAAAAAAAAAAA", first))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCiphertextMovedToAnotherAccessKeyDoesNotDecrypt() {
        ECKeyPair node = ECKeyPair.create(Numeric.toBigInt(text("nodePrivateKey")));

        assertThatThrownBy(() -> GrantFixtures.decrypt(node, "FBOTHERKEY2345672345", text("encryptedSecret")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsNodeKeysThatAreNotUncompressedPointsOnTheCurve() {
        String valid = text("nodePublicKey");
        String offCurve = valid.substring(0, valid.length() - 1) + (valid.endsWith("e") ? "f" : "e");

        assertThatThrownBy(() -> NodeKeyEncryption.nodeKey(offCurve)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a point on secp256k1");
        assertThatThrownBy(() -> NodeKeyEncryption.nodeKey("0x02" + valid.substring(4, 68))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NodeKeyEncryption.nodeKey(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(NodeKeyEncryption.nodeKey(valid).getAffineXCoord().toBigInteger())
                .isEqualTo(new BigInteger(valid.substring(4, 68), 16));
    }

    private static String text(String field) {
        return VECTOR.path(field).asString();
    }
}
