package io.flashback.bridge.platform;

import java.security.SecureRandom;

/** Single-use request nonces: 24 letters and digits (the registry takes 16 to 64). */
final class Nonces {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Nonces() {}

    static String next() {
        StringBuilder nonce = new StringBuilder(24);
        for (int i = 0; i < 24; i++) nonce.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        return nonce.toString();
    }
}
