package io.flashback.orchestrator.grant;

import io.flashback.chain.nodekey.NodeKeyEncryption;

import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Node keys as a bridge node holds them, and the node's side of {@link NodeKeyEncryption}. */
public final class GrantFixtures {

    private GrantFixtures() {
    }

    /** The fixed test vector both the orchestrator and the bridge node are tested against. */
    public static JsonNode sample() {
        try (InputStream in = GrantFixtures.class.getResourceAsStream("/samples/grant-secret-v1.json")) {
            return JsonMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ECKeyPair newNodeKey() {
        try {
            return Keys.createEcKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public key as a node token's {@code node_key} claim carries it. */
    public static String publicKey(ECKeyPair key) {
        return "0x04" + Numeric.toHexStringNoPrefixZeroPadded(key.getPublicKey(), 128);
    }

    /** Decrypts an encrypted secret with the node's private key, as the bridge node does (checked against the fixed vector). */
    public static String decrypt(ECKeyPair node, String accessKeyId, String encrypted) {
        return NodeKeyEncryption.decrypt(node.getPrivateKey(), accessKeyId, encrypted);
    }
}
