package io.flashback.monitor.web;

import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/** Ids in paths, read strictly so a typo is a clear 400 rather than an empty answer. */
public final class PathIds {

    private static final Pattern WALLET = Pattern.compile("0x[0-9a-fA-F]{40}");

    private PathIds() {
    }

    public static UUID uuid(String name, String value) {
        try {
            UUID id = UUID.fromString(value);
            if (!id.toString().equalsIgnoreCase(value)) {
                throw new IllegalArgumentException("not canonical");
            }
            return id;
        } catch (IllegalArgumentException e) {
            throw new BadRequest(name + " must be a UUID such as 3f2b1a0c-9d8e-4c7b-a6f5-e4d3c2b1a090, not '" + value + "'");
        }
    }

    /** An EVM address, lower-cased as the read models store it. */
    public static String wallet(String value) {
        if (!WALLET.matcher(value).matches()) {
            throw new BadRequest("wallet must be an address of 0x and 40 hex digits, not '" + value + "'");
        }
        return value.toLowerCase(Locale.ROOT);
    }
}
