package io.flashback.bridge.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;
import tools.jackson.databind.JsonNode;

/** Grant secrets encrypted to the node key (docs/adr/0005), against the orchestrator's fixed test vector. */
class GrantSecretsTest {
    private static final JsonNode VECTOR = PlatformGrantSecrets.sample();
    private static final BigInteger NODE_PRIVATE_KEY = Numeric.toBigInt(text("nodePrivateKey"));

    @Test
    void theNodeKeyOpensTheOrchestratorsVector() throws Exception {
        NodeKey key = NodeKey.of(ECKeyPair.create(NODE_PRIVATE_KEY));

        assertThat(key.publicKey()).isEqualTo(text("nodePublicKey"));
        assertThat(key.decryptGrantSecret(text("accessKeyId"), text("encryptedSecret"))).isEqualTo(text("secret"));
    }

    @Test
    void theStandInPlatformEncryptsExactlyAsTheOrchestrator() {
        assertThat(PlatformGrantSecrets.encrypt(text("nodePublicKey"), text("accessKeyId"), text("secret"),
                Numeric.toBigInt(text("ephemeralPrivateKey")), Numeric.hexStringToByteArray(text("nonce")))).isEqualTo(text("encryptedSecret"));
    }

    @Test
    void anotherNodesKeyCannotOpenIt() throws Exception {
        NodeKey other = NodeKey.of(Keys.createEcKeyPair());

        assertThatThrownBy(() -> other.decryptGrantSecret(text("accessKeyId"), text("encryptedSecret")))
                .isInstanceOf(GrantSecrets.Undecryptable.class).hasMessageContaining("does not decrypt with this node's key");
    }

    @Test
    void aSecretMovedToAnotherAccessKeyDoesNotOpen() {
        assertThatThrownBy(() -> GrantSecrets.decrypt(NODE_PRIVATE_KEY, "FBOTHERKEY2345672345", text("encryptedSecret")))
                .isInstanceOf(GrantSecrets.Undecryptable.class);
    }

    @Test
    void damagedOrUnknownFormatsAreRefusedWithTheReason() {
        byte[] bytes = Base64.getDecoder().decode(text("encryptedSecret"));
        bytes[0] = 2;

        assertThatThrownBy(() -> GrantSecrets.decrypt(NODE_PRIVATE_KEY, text("accessKeyId"), Base64.getEncoder().encodeToString(bytes)))
                .isInstanceOf(GrantSecrets.Undecryptable.class).hasMessageContaining("scheme version 2");
        assertThatThrownBy(() -> GrantSecrets.decrypt(NODE_PRIVATE_KEY, text("accessKeyId"), "not base64!"))
                .hasMessageContaining("not base64");
        assertThatThrownBy(() -> GrantSecrets.decrypt(NODE_PRIVATE_KEY, text("accessKeyId"), "AQID")).hasMessageContaining("too short");
    }

    private static String text(String field) {
        return VECTOR.path(field).asString();
    }
}
