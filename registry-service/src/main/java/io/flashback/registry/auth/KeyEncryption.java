package io.flashback.registry.auth;

import io.flashback.registry.RegistryProperties;
import io.flashback.registry.identity.Secrets;
import io.flashback.security.ConfiguredSecret;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * Encrypts the registry's secrets at rest (the JWT signing keys, the test keys of running certification runs) with
 * AES-256-GCM under a key-encryption key that comes from the environment or a file, never from the database: a copy
 * of the database alone does not let anyone sign tokens or use a test key. The key id is the associated data, so a
 * ciphertext cannot be moved to another row.
 */
public final class KeyEncryption {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private final SecretKeySpec key;

    private KeyEncryption(byte[] key) {
        if (key.length != 32) {
            throw new IllegalStateException("the key-encryption key must be 32 bytes (base64 of 32 random bytes), not " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    static KeyEncryption from(RegistryProperties.Tokens tokens) {
        byte[] key = ConfiguredSecret.read(tokens.keyEncryptionKey(), tokens.keyEncryptionKeyFile(), tokens.createKeyEncryptionKeyFile(),
                "flashback.registry.tokens.key-encryption-key");
        if (key.length != 32) {
            throw new IllegalStateException("the key-encryption key must be 32 bytes (base64 of 32 random bytes), not " + key.length);
        }
        return new KeyEncryption(key);
    }

    public byte[] encrypt(byte[] plaintext, String keyId) {
        try {
            byte[] iv = Secrets.randomBytes(IV_BYTES);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] out = Arrays.copyOf(iv, IV_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    public byte[] decrypt(byte[] ciphertext, String keyId) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, ciphertext, 0, IV_BYTES));
            cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(ciphertext, IV_BYTES, ciphertext.length - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("secret " + keyId + " cannot be decrypted: wrong key-encryption key?", e);
        }
    }

    @Override
    public String toString() {
        return "KeyEncryption[AES-256-GCM]";
    }
}
