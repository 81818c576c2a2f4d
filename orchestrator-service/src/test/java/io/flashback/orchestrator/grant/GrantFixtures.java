package io.flashback.orchestrator.grant;

import io.flashback.chain.nodekey.NodeKeyEncryption;

import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

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

    /** Decrypts an encrypted secret with the node's private key, as the bridge node does. */
    public static String decrypt(ECKeyPair node, String accessKeyId, String encrypted) {
        byte[] bytes = Base64.getDecoder().decode(encrypted);
        if (bytes[0] != NodeKeyEncryption.SCHEME_VERSION) {
            throw new IllegalArgumentException("unknown scheme version " + bytes[0]);
        }
        byte[] ephemeral = Arrays.copyOfRange(bytes, 1, 1 + NodeKeyEncryption.POINT_BYTES);
        byte[] nonce = Arrays.copyOfRange(bytes, 1 + NodeKeyEncryption.POINT_BYTES, 1 + NodeKeyEncryption.POINT_BYTES + NodeKeyEncryption.NONCE_BYTES);
        byte[] sealed = Arrays.copyOfRange(bytes, 1 + NodeKeyEncryption.POINT_BYTES + NodeKeyEncryption.NONCE_BYTES, bytes.length);
        BigInteger privateKey = node.getPrivateKey();
        byte[] key = NodeKeyEncryption.derivedKey(NodeKeyEncryption.nodeKey(Numeric.toHexString(ephemeral)).multiply(privateKey), ephemeral,
                Numeric.hexStringToByteArray(publicKey(node)));
        try {
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            aes.updateAAD(accessKeyId.getBytes(StandardCharsets.UTF_8));
            return new String(aes.doFinal(sealed), StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot decrypt the secret of " + accessKeyId + ": " + e, e);
        }
    }
}
