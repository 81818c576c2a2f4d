package io.flashback.bridge.storage;

import java.util.Map;
import java.util.TreeMap;

/** What a client sets on an object besides its bytes: standard headers, user metadata, tags. */
public record ObjectAttributes(
        String contentType,
        String contentEncoding,
        String contentDisposition,
        String contentLanguage,
        String cacheControl,
        String expires,
        Map<String, String> userMetadata,
        Map<String, String> tags) {

    public static final String DEFAULT_CONTENT_TYPE = "binary/octet-stream";

    public ObjectAttributes {
        userMetadata = userMetadata == null ? Map.of() : Map.copyOf(new TreeMap<>(userMetadata));
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    public static ObjectAttributes empty() {
        return new ObjectAttributes(null, null, null, null, null, null, Map.of(), Map.of());
    }

    public ObjectAttributes withTags(Map<String, String> newTags) {
        return new ObjectAttributes(contentType, contentEncoding, contentDisposition, contentLanguage, cacheControl,
                expires, userMetadata, newTags);
    }
}
