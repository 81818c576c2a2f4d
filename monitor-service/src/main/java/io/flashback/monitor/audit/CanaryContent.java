package io.flashback.monitor.audit;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * The content of a canary object, known to the platform without being stored: block {@code i} (32
 * bytes) is {@code SHA-256(seed ‖ i as 8 bytes big-endian)}. The seed stays in the platform's
 * database, so the node sees only pseudo-random bytes it can neither compress nor recompute: to
 * answer a range it has to keep the object.
 */
public final class CanaryContent {

    private static final int BLOCK = 32;
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] seed;
    private final long size;

    public CanaryContent(byte[] seed, long size) {
        if (seed.length == 0 || size <= 0) {
            throw new IllegalArgumentException("a canary needs a seed and at least one byte");
        }
        this.seed = seed.clone();
        this.size = size;
    }

    public static CanaryContent random(long size, RandomGenerator random) {
        byte[] seed = new byte[32];
        random.nextBytes(seed);
        return new CanaryContent(seed, size);
    }

    public static CanaryContent ofSeedHex(String seedHex, long size) {
        return new CanaryContent(HEX.parseHex(seedHex), size);
    }

    public String seedHex() {
        return HEX.formatHex(seed);
    }

    public long size() {
        return size;
    }

    /** The whole object. */
    public byte[] bytes() {
        return bytes(new RangeChallenge(0, size - 1));
    }

    public byte[] bytes(RangeChallenge range) {
        if (range.last() >= size || range.length() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(range + " is outside a canary of " + size + " bytes");
        }
        byte[] out = new byte[(int) range.length()];
        MessageDigest sha256 = sha256();
        long block = range.first() / BLOCK;
        int offset = (int) (range.first() % BLOCK);
        int written = 0;
        while (written < out.length) {
            sha256.update(seed);
            sha256.update(ByteBuffer.allocate(Long.BYTES).putLong(block).array());
            byte[] bytes = sha256.digest();
            int take = Math.min(BLOCK - offset, out.length - written);
            System.arraycopy(bytes, offset, out, written, take);
            written += take;
            offset = 0;
            block++;
        }
        return out;
    }

    /** Hex SHA-256 of the range as placed. */
    public String sha256Hex(RangeChallenge range) {
        return sha256Hex(bytes(range));
    }

    public static String sha256Hex(byte[] data) {
        return HEX.formatHex(sha256().digest(data));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
