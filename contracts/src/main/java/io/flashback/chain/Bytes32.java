package io.flashback.chain;

import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/** A 32-byte word (hash, root, id) in lower-case hex with its 0x prefix; a value, unlike byte[]. */
public record Bytes32(String value) {

    private static final Pattern HEX = Pattern.compile("0x[0-9a-f]{64}");
    public static final Bytes32 ZERO = of(new byte[32]);

    public Bytes32 {
        value = value == null ? null : value.toLowerCase(Locale.ROOT);
        if (value == null || !HEX.matcher(value).matches()) {
            throw new IllegalArgumentException("not a 32-byte hex word: " + value);
        }
    }

    public static Bytes32 of(byte[] bytes) {
        if (bytes.length != 32) {
            throw new IllegalArgumentException("expected 32 bytes, got " + bytes.length);
        }
        return new Bytes32("0x" + HexFormat.of().formatHex(bytes));
    }

    public byte[] bytes() {
        return HexFormat.of().parseHex(value.substring(2));
    }

    public boolean isZero() {
        return equals(ZERO);
    }

    @Override
    public String toString() {
        return value;
    }
}
