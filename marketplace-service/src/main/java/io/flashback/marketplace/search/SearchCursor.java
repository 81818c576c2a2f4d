package io.flashback.marketplace.search;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * Keyset position: the sort value and id of the last unit of a page. Encoded as opaque
 * base64url text so clients do not build it themselves.
 */
public record SearchCursor(SortOrder sort, BigDecimal value, UUID id) {

    public String encode() {
        String raw = sort.name() + "|" + value.toPlainString() + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    public static SearchCursor decode(String text) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|");
            if (parts.length != 3) {
                throw new IllegalArgumentException();
            }
            return new SearchCursor(SortOrder.valueOf(parts[0]), new BigDecimal(parts[1]), UUID.fromString(parts[2]));
        } catch (IllegalArgumentException e) {
            throw new InvalidSearchException("the cursor is not one this service issued");
        }
    }
}
