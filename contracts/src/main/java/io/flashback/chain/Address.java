package io.flashback.chain;

import java.util.Locale;
import java.util.regex.Pattern;

/** A 20-byte EVM account or contract address, kept in lower-case hex with its 0x prefix. */
public record Address(String value) implements Comparable<Address> {

    private static final Pattern HEX = Pattern.compile("0x[0-9a-f]{40}");
    public static final Address ZERO = new Address("0x0000000000000000000000000000000000000000");

    public Address {
        value = value == null ? null : value.toLowerCase(Locale.ROOT);
        if (value == null || !HEX.matcher(value).matches()) {
            throw new IllegalArgumentException("not an address: " + value);
        }
    }

    public static Address of(String value) {
        return new Address(value.startsWith("0x") || value.startsWith("0X") ? "0x" + value.substring(2) : "0x" + value);
    }

    /** Signers must be sorted by this order for OracleHub: numeric order of the 160-bit value. */
    @Override
    public int compareTo(Address other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
