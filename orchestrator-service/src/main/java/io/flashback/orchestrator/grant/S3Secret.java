package io.flashback.orchestrator.grant;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The secret half of a grant's S3 credentials (what SigV4 signs with). It is stored only encrypted, shown to
 * the consumer once and sent to the node only encrypted to the node key; {@link #toString()} never prints it.
 */
public record S3Secret(String value) {

    /** AWS secrets are 40 characters; ours use letters and digits only, so no tool needs to escape them (≈ 238 bits). */
    public static final int LENGTH = 40;
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public S3Secret {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a secret must not be blank");
        }
    }

    /** A new secret drawn from {@code random} (a {@code SecureRandom} outside tests). */
    public static S3Secret generate(RandomGenerator random) {
        StringBuilder secret = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            secret.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return new S3Secret(secret.toString());
    }

    @Override
    public String toString() {
        return "S3Secret[****]";
    }
}
