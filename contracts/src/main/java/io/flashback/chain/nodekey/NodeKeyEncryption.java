package io.flashback.chain.nodekey;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Encrypts a secret (an S3 secret of a grant the node must honour: an agreement's, or a certification run's) to a
 * bridge node's secp256k1 node key (ECIES, scheme version 1; ADR 0005), so only
 * the node holding the private key can read it and nothing between (gateway, logs, proxies) sees it:
 * <ol>
 *   <li>an ephemeral key pair {@code e, E = e·G} on secp256k1, new for every encryption;</li>
 *   <li>ECDH: the shared secret is the 32-byte big-endian x coordinate of {@code e·P} ({@code P} the node key);</li>
 *   <li>HKDF-SHA256 (RFC 5869) with IKM = that x coordinate, salt = {@code E ‖ P} (both uncompressed, 65 bytes each),
 *       info = ASCII {@code "Flashback grant secret v1"}, to a 32-byte key;</li>
 *   <li>AES-256-GCM with a random 12-byte nonce, 128-bit tag, associated data = the access key id (UTF-8), over the
 *       secret's UTF-8 bytes, so a ciphertext moved to another access key fails to decrypt.</li>
 * </ol>
 * Wire format: standard base64 (with padding) of {@code 0x01 ‖ E (65 bytes, 0x04 ‖ x ‖ y) ‖ nonce (12 bytes) ‖
 * ciphertext ‖ tag (16 bytes)}. The bridge node's {@code GrantSecrets} decrypts it; both sides test against the
 * same fixed vector ({@code orchestrator-service/src/test/resources/samples/grant-secret-v1.json}).
 */
public final class NodeKeyEncryption {

    public static final byte SCHEME_VERSION = 1;
    public static final byte[] INFO = "Flashback grant secret v1".getBytes(StandardCharsets.US_ASCII);
    public static final int POINT_BYTES = 65;
    public static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Pattern NODE_KEY = Pattern.compile("0x04[0-9a-fA-F]{128}");

    private final SecureRandom random;

    public NodeKeyEncryption(SecureRandom random) {
        this.random = random;
    }

    /** A node key as tokens carry it: {@code 0x04 ‖ x ‖ y} in hex, a point on secp256k1. */
    public static ECPoint nodeKey(String hex) {
        if (hex == null || !NODE_KEY.matcher(hex).matches()) {
            throw new IllegalArgumentException("a node key is 0x04 followed by 64 bytes of hex (an uncompressed secp256k1 public key)");
        }
        try {
            ECPoint point = Sign.CURVE_PARAMS.getCurve().decodePoint(Numeric.hexStringToByteArray(hex));
            if (point.isInfinity()) {
                throw new IllegalArgumentException("the node key is the point at infinity");
            }
            return point;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the node key is not a point on secp256k1", e);
        }
    }

    /** {@code secret} encrypted to {@code nodeKey} for {@code accessKeyId}, in the wire format above. */
    public String encrypt(ECPoint nodeKey, String accessKeyId, String secret) {
        BigInteger ephemeral;
        do {
            ephemeral = new BigInteger(256, random);
        } while (ephemeral.signum() == 0 || ephemeral.compareTo(Sign.CURVE_PARAMS.getN()) >= 0);
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        return encrypt(nodeKey, accessKeyId, secret.getBytes(StandardCharsets.UTF_8), ephemeral, nonce);
    }

    /** The deterministic core, public for the published test vector, which fixes the ephemeral key and nonce; never use it otherwise. */
    public static String encrypt(ECPoint nodeKey, String accessKeyId, byte[] plaintext, BigInteger ephemeral, byte[] nonce) {
        byte[] ephemeralPublic = Sign.publicPointFromPrivate(ephemeral).getEncoded(false);
        byte[] key = derivedKey(nodeKey.multiply(ephemeral), ephemeralPublic, nodeKey.getEncoded(false));
        try {
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            aes.updateAAD(accessKeyId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = aes.doFinal(plaintext);
            ByteBuffer out = ByteBuffer.allocate(1 + POINT_BYTES + NONCE_BYTES + sealed.length);
            out.put(SCHEME_VERSION).put(ephemeralPublic).put(nonce).put(sealed);
            return Base64.getEncoder().encodeToString(out.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * The node's side: {@code encrypted} opened with the node's private key for {@code accessKeyId}. Bridge nodes have
     * their own implementation (bridge-node {@code GrantSecrets}, checked against the same vector); this one serves
     * services' tests that play a node.
     *
     * @throws IllegalArgumentException when it is not for this key or access key id, damaged, or of another scheme
     */
    public static String decrypt(BigInteger nodePrivateKey, String accessKeyId, String encrypted) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(encrypted);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("an encrypted secret is base64", e);
        }
        if (bytes.length < 1 + POINT_BYTES + NONCE_BYTES + TAG_BITS / 8 || bytes[0] != SCHEME_VERSION) {
            throw new IllegalArgumentException("not an encrypted secret of scheme version " + SCHEME_VERSION);
        }
        byte[] ephemeral = Arrays.copyOfRange(bytes, 1, 1 + POINT_BYTES);
        byte[] key = derivedKey(nodeKey(Numeric.toHexString(ephemeral)).multiply(nodePrivateKey), ephemeral,
                Sign.publicPointFromPrivate(nodePrivateKey).getEncoded(false));
        try {
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, bytes, 1 + POINT_BYTES, NONCE_BYTES));
            aes.updateAAD(accessKeyId.getBytes(StandardCharsets.UTF_8));
            int offset = 1 + POINT_BYTES + NONCE_BYTES;
            return new String(aes.doFinal(bytes, offset, bytes.length - offset), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the secret does not open with this node key for access key " + accessKeyId, e);
        }
    }

    /** HKDF-SHA256 of the ECDH shared point's x coordinate, bound to both public keys. */
    public static byte[] derivedKey(ECPoint shared, byte[] ephemeralPublic, byte[] recipientPublic) {
        ECPoint normalized = shared.normalize();
        if (normalized.isInfinity()) {
            throw new IllegalArgumentException("the ECDH shared point is the point at infinity");
        }
        byte[] salt = ByteBuffer.allocate(ephemeralPublic.length + recipientPublic.length).put(ephemeralPublic).put(recipientPublic).array();
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(normalized.getAffineXCoord().getEncoded(), salt, INFO));
        byte[] key = new byte[32];
        hkdf.generateBytes(key, 0, key.length);
        return key;
    }

    @Override
    public String toString() {
        return "NodeKeyEncryption[ECIES secp256k1 / HKDF-SHA256 / AES-256-GCM, v" + SCHEME_VERSION + "]";
    }
}
