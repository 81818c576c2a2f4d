package io.flashback.bridge.auth;

import java.util.List;
import java.util.Map;

/**
 * What SigV4 needs to know about a request, independent of the HTTP library.
 *
 * @param path  the decoded path (e.g. {@code /bucket/a b}); it is re-encoded for signing
 * @param query decoded query parameters in request order
 */
public record SignedRequest(String method, String path, List<Map.Entry<String, String>> query, Headers headers) {

    /** Case-insensitive header access. */
    public interface Headers {
        List<String> all(String name);

        /**
         * The names of every header the request carries (any case). Needed to refuse unsigned
         * {@code x-amz-*} headers, so it has no default: a view that cannot list its headers
         * would let them through unchecked.
         */
        Iterable<String> names();

        default String get(String name) {
            List<String> v = all(name);
            return v.isEmpty() ? null : v.get(0);
        }
    }

    public String queryParam(String name) {
        for (Map.Entry<String, String> e : query) if (e.getKey().equals(name)) return e.getValue();
        return null;
    }
}
