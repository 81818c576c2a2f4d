package io.flashback.bridge.platform;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.web3j.crypto.Sign;

/**
 * Opens a grant secret the orchestrator encrypted to this node's key (ECIES on secp256k1, scheme version 1,
 * docs/adr/0005): base64 of {@code 0x01 ‖ E (65 bytes, uncompressed ephemeral public key) ‖ nonce (12 bytes) ‖
 * ciphertext ‖ tag (16 bytes)}; the AES-256-GCM key is HKDF-SHA256 (RFC 5869) of the x coordinate of {@code d·E}
 * ({@code d} the node's private key) with salt {@code E ‖ P} ({@code P} the node's public key, uncompressed) and info
 * {@code "Flashback grant secret v1"}; the associated data is the access key id. Tested against the orchestrator's
 * fixed vector ({@code orchestrator-service/src/test/resources/samples/grant-secret-v1.json}).
 */
final class GrantSecrets {
    static final byte SCHEME_VERSION = 1;
    static final byte[] INFO = "Flashback grant secret v1".getBytes(StandardCharsets.US_ASCII);
    static final int POINT_BYTES = 65;
    static final int NONCE_BYTES = 12;
    private static final int TAG_BYTES = 16;

    private GrantSecrets() {}

    /** A secret that is not for this key, damaged, or of another scheme. */
    static final class Undecryptable extends Exception {
        Undecryptable(String message) {
            super(message);
        }
    }

    static String decrypt(BigInteger privateKey, String accessKeyId, String encrypted) throws Undecryptable {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(encrypted == null ? "" : encrypted);
        } catch (IllegalArgumentException e) {
            throw new Undecryptable("not base64");
        }
        if (bytes.length < 1 + POINT_BYTES + NONCE_BYTES + TAG_BYTES) throw new Undecryptable("too short to be an encrypted secret");
        if (bytes[0] != SCHEME_VERSION) throw new Undecryptable("scheme version " + bytes[0] + " is not known to this node (it knows 1)");
        byte[] ephemeral = Arrays.copyOfRange(bytes, 1, 1 + POINT_BYTES);
        byte[] nonce = Arrays.copyOfRange(bytes, 1 + POINT_BYTES, 1 + POINT_BYTES + NONCE_BYTES);
        ECPoint ephemeralPoint;
        try {
            ephemeralPoint = Sign.CURVE_PARAMS.getCurve().decodePoint(ephemeral);
        } catch (IllegalArgumentException e) {
            throw new Undecryptable("the ephemeral key is not a point on secp256k1");
        }
        if (ephemeral[0] != 0x04 || ephemeralPoint.isInfinity()) throw new Undecryptable("the ephemeral key is not an uncompressed point");
        byte[] key = key(ephemeralPoint.multiply(privateKey), ephemeral, Sign.publicPointFromPrivate(privateKey).getEncoded(false));
        try {
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BYTES * 8, nonce));
            aes.updateAAD(accessKeyId.getBytes(StandardCharsets.UTF_8));
            int offset = 1 + POINT_BYTES + NONCE_BYTES;
            return new String(aes.doFinal(bytes, offset, bytes.length - offset), StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new Undecryptable("it does not decrypt with this node's key (encrypted to another key, or for another access key)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** HKDF-SHA256 of the ECDH shared point's x coordinate, bound to the ephemeral and the node's public key. */
    static byte[] key(ECPoint shared, byte[] ephemeralPublic, byte[] nodePublic) {
        ECPoint normalized = shared.normalize();
        byte[] salt = new byte[ephemeralPublic.length + nodePublic.length];
        System.arraycopy(ephemeralPublic, 0, salt, 0, ephemeralPublic.length);
        System.arraycopy(nodePublic, 0, salt, ephemeralPublic.length, nodePublic.length);
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(normalized.getAffineXCoord().getEncoded(), salt, INFO));
        byte[] key = new byte[32];
        hkdf.generateBytes(key, 0, key.length);
        return key;
    }
}
