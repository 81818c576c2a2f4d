package io.flashback.registry.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random secrets shown once (refresh tokens, API keys, node secrets, claim codes) and the SHA-256
 * digests stored in their place. A 32-byte random secret needs no slow password hash: it cannot be
 * guessed, so a digest is enough to make a stolen table useless.
 */
public final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    /** Crockford's base 32 without I, L, O, U: easy to read out and type. */
    private static final char[] READABLE = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private Secrets() {
    }

    /** {@code bytes} random bytes, base64url without padding. */
    public static String token(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    public static String alphanumeric(int length) {
        return pick(ALPHANUMERIC, length);
    }

    public static String readable(int length) {
        return pick(READABLE, length);
    }

    public static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Compares a presented secret with a stored digest in constant time. */
    public static boolean matches(String secret, byte[] digest) {
        return secret != null && digest != null && MessageDigest.isEqual(sha256(secret), digest);
    }

    public static byte[] randomBytes(int length) {
        byte[] random = new byte[length];
        RANDOM.nextBytes(random);
        return random;
    }

    private static String pick(char[] alphabet, int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = alphabet[RANDOM.nextInt(alphabet.length)];
        }
        return new String(chars);
    }
}
