package io.flashback.chain;

import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/** A 65-byte secp256k1 signature r ‖ s ‖ v (v = 27 or 28), as ECDSA.recover in OpenZeppelin expects. */
public record Signature(String value) {

    private static final Pattern HEX = Pattern.compile("0x[0-9a-f]{130}");

    public Signature {
        value = value == null ? null : value.toLowerCase(Locale.ROOT);
        if (value == null || !HEX.matcher(value).matches()) {
            throw new IllegalArgumentException("not a 65-byte signature: " + value);
        }
    }

    public static Signature of(byte[] bytes) {
        return new Signature("0x" + HexFormat.of().formatHex(bytes));
    }

    public byte[] bytes() {
        return HexFormat.of().parseHex(value.substring(2));
    }
}
