package io.flashback.bridge.grants;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Grants given on the command line as {@code ACCESS_KEY:SECRET:QUOTA:bucket1,bucket2[:READ|READ_WRITE]}. */
public record StaticGrantSource(List<Grant> grants) implements GrantSource {

    @Override
    public List<Grant> load() {
        return grants;
    }

    public static Grant parse(String spec) {
        String[] parts = spec.split(":", -1);
        if (parts.length < 4 || parts.length > 5) {
            throw new IllegalArgumentException("grant '" + redact(spec)
                    + "' must look like ACCESS_KEY:SECRET:QUOTA_BYTES:bucket1,bucket2[:READ|READ_WRITE]");
        }
        List<String> buckets = new ArrayList<>(Arrays.stream(parts[3].split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
        if (buckets.isEmpty()) throw new IllegalArgumentException("grant for " + parts[0] + " names no bucket");
        Access access = parts.length == 5 ? Access.valueOf(parts[4].trim().toUpperCase(Locale.ROOT)) : Access.READ_WRITE;
        return new Grant(parts[0], parts[1], parts[0], buckets, parseSize(parts[2]), access);
    }

    /** Bytes, optionally with a binary unit: 500, 64KiB, 10MiB, 5GiB, 2TiB (K, M, G, T also accepted). */
    public static long parseSize(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT).replace("IB", "").replace("B", "");
        long unit = 1;
        if (!t.isEmpty()) {
            switch (t.charAt(t.length() - 1)) {
                case 'K' -> unit = 1L << 10;
                case 'M' -> unit = 1L << 20;
                case 'G' -> unit = 1L << 30;
                case 'T' -> unit = 1L << 40;
                default -> unit = 1;
            }
            if (unit != 1) t = t.substring(0, t.length() - 1);
        }
        try {
            return Math.multiplyExact(Long.parseLong(t.trim()), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is not a size in bytes (e.g. 1073741824 or 1GiB)");
        }
    }

    private static String redact(String spec) {
        String[] p = spec.split(":", -1);
        if (p.length >= 2) p[1] = "****";
        return String.join(":", p);
    }
}
