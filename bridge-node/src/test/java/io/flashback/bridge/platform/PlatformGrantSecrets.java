package io.flashback.bridge.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.math.ec.ECPoint;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;
import tools.jackson.databind.JsonNode;

/**
 * The orchestrator's side of {@link GrantSecrets} for the stand-in platform: encrypts a secret to a node key as the
 * orchestrator does (checked against the same fixed vector in {@link GrantSecretsTest}).
 */
final class PlatformGrantSecrets {
    /** The orchestrator's test vector, the one sample both sides are tested against. */
    static final Path SAMPLE = Path.of("..", "orchestrator-service", "src", "test", "resources", "samples", "grant-secret-v1.json");
    private static final SecureRandom RANDOM = new SecureRandom();

    private PlatformGrantSecrets() {}

    static JsonNode sample() {
        try {
            return PlatformClient.JSON.readTree(Files.readString(SAMPLE));
        } catch (IOException e) {
            throw new UncheckedIOException("the orchestrator's grant-secret sample is not at " + SAMPLE.toAbsolutePath(), e);
        }
    }

    static String encrypt(String nodePublicKey, String accessKeyId, String secret) {
        BigInteger ephemeral = new BigInteger(255, RANDOM).add(BigInteger.ONE);
        byte[] nonce = new byte[GrantSecrets.NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        return encrypt(nodePublicKey, accessKeyId, secret, ephemeral, nonce);
    }

    static String encrypt(String nodePublicKey, String accessKeyId, String secret, BigInteger ephemeral, byte[] nonce) {
        byte[] nodeKey = Numeric.hexStringToByteArray(nodePublicKey);
        ECPoint node = Sign.CURVE_PARAMS.getCurve().decodePoint(nodeKey);
        byte[] ephemeralPublic = Sign.publicPointFromPrivate(ephemeral).getEncoded(false);
        byte[] key = GrantSecrets.key(node.multiply(ephemeral), ephemeralPublic, nodeKey);
        try {
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            aes.updateAAD(accessKeyId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = aes.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(1 + 65 + nonce.length + sealed.length)
                    .put((byte) 1).put(ephemeralPublic).put(nonce).put(sealed).array());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
