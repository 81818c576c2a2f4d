package io.flashback.orchestrator.grant.internal;

import io.flashback.orchestrator.grant.S3Secret;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Grant secrets at rest: AES-256-GCM under {@code flashback.orchestrator.credentials.key}, which comes from the
 * environment and never from the database, so a copy of the database alone reveals no consumer's secret. Stored
 * as {@code nonce (12 bytes) ‖ ciphertext ‖ tag}; the access key id is the associated data, so a ciphertext
 * copied to another key's row does not decrypt.
 */
final class SecretsAtRest {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String HOW = "base64 of 32 random bytes, e.g. FLASHBACK_ORCHESTRATOR_CREDENTIALS_KEY=$(openssl rand -base64 32)";

    private final SecretKeySpec key;
    private final SecureRandom random;

    private SecretsAtRest(byte[] key, SecureRandom random) {
        this.key = new SecretKeySpec(key, "AES");
        this.random = random;
    }

    /** Fails at start with what to set when the key is missing, not base64 or not 32 bytes. */
    static SecretsAtRest fromBase64(String base64, SecureRandom random) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalStateException("flashback.orchestrator.credentials.key is not set: it encrypts consumers' S3 secrets at rest and must be "
                    + HOW);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("flashback.orchestrator.credentials.key is not base64: it must be " + HOW);
        }
        if (key.length != 32) {
            throw new IllegalStateException("flashback.orchestrator.credentials.key holds " + key.length + " bytes; AES-256 needs 32: it must be "
                    + HOW);
        }
        return new SecretsAtRest(key, random);
    }

    byte[] seal(S3Secret secret, String accessKeyId) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(accessKeyId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(secret.value().getBytes(StandardCharsets.UTF_8));
            byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    S3Secret open(byte[] sealed, String accessKeyId) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(accessKeyId.getBytes(StandardCharsets.UTF_8));
            return new S3Secret(new String(cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES), StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the secret of access key " + accessKeyId
                    + " cannot be decrypted: is flashback.orchestrator.credentials.key the key it was stored with?", e);
        }
    }

    @Override
    public String toString() {
        return "SecretsAtRest[AES-256-GCM]";
    }
}
