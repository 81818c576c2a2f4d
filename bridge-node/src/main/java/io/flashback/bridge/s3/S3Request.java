package io.flashback.bridge.s3;

import io.flashback.bridge.auth.Authentication;
import io.flashback.bridge.grants.Grant;
import io.flashback.bridge.storage.ObjectStore;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * An authenticated S3 request, addressed to the service, a bucket or an object.
 *
 * @param store the object store as this grant sees it (quota enforced)
 */
public record S3Request(
        String method,
        String bucket,
        String key,
        List<Map.Entry<String, String>> query,
        HttpHeaders headers,
        InputStream rawBody,
        Authentication auth,
        ObjectStore store,
        String requestId,
        String host) {

    public String param(String name) {
        for (Map.Entry<String, String> e : query) if (e.getKey().equals(name)) return e.getValue();
        return null;
    }

    public boolean hasParam(String name) {
        for (Map.Entry<String, String> e : query) if (e.getKey().equals(name)) return true;
        return false;
    }

    public String header(String name) {
        return headers.get(name);
    }

    public Grant grant() {
        return auth.grant();
    }

    /** The resource path for error bodies. */
    public String resource() {
        if (bucket == null) return "/";
        return key == null ? "/" + bucket : "/" + bucket + "/" + key;
    }
}
