package io.flashback.bridge.s3;

import io.flashback.bridge.auth.Authentication;
import io.flashback.bridge.auth.SigV4Authenticator;
import io.flashback.bridge.auth.SignedRequest;
import io.flashback.bridge.grants.Grant;
import io.flashback.bridge.server.Exchange;
import io.flashback.bridge.server.ProtocolFrontend;
import io.flashback.bridge.server.RequestUri;
import io.flashback.bridge.server.Response;
import io.flashback.bridge.storage.ObjectStore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * S3 REST front end: addressing (path-style and virtual-hosted-style), SigV4, grant checks,
 * routing to one handler per operation, and errors rendered by {@link S3ErrorResponses}.
 */
public final class S3Frontend implements ProtocolFrontend {
    private static final int MAX_KEY_BYTES = 1024;

    private final SigV4Authenticator authenticator;
    private final S3Routes routes;
    private final Function<Grant, ObjectStore> storeForGrant;
    private final List<String> virtualHostSuffixes;

    public S3Frontend(SigV4Authenticator authenticator, S3Routes routes, Function<Grant, ObjectStore> storeForGrant,
                      List<String> virtualHostSuffixes) {
        this.authenticator = authenticator;
        this.routes = routes;
        this.storeForGrant = storeForGrant;
        this.virtualHostSuffixes = virtualHostSuffixes;
    }

    @Override
    public String protocol() {
        return "s3";
    }

    /** S3 is the default protocol: it answers whatever no other front end claims. */
    @Override
    public boolean handles(Exchange exchange, RequestUri uri) {
        return true;
    }

    @Override
    public Outcome serve(Exchange ex, RequestUri uri, String requestId) {
        String operation = "Unknown";
        String accessKey = "anonymous";
        String bucket = null;
        String key = null;
        try {
            String hostBucket = bucketFromHost(ex.headers().get("host"));
            String path = uri.path();
            if (!path.startsWith("/")) throw S3ErrorCode.INVALID_REQUEST.exception("The request path must start with /");
            if (hostBucket != null) {
                bucket = hostBucket;
                key = path.length() > 1 ? path.substring(1) : null;
            } else if (path.length() > 1) {
                int slash = path.indexOf('/', 1);
                bucket = slash < 0 ? path.substring(1) : path.substring(1, slash);
                key = slash < 0 || slash == path.length() - 1 ? null : path.substring(slash + 1);
            }
            SignedRequest signed = new SignedRequest(ex.method(), path, uri.query(), new SignedRequest.Headers() {
                @Override
                public List<String> all(String name) {
                    return ex.headers().getAll(name);
                }

                @Override
                public Iterable<String> names() {
                    return ex.headers().names();
                }
            });
            Authentication auth = authenticator.authenticate(signed);
            Grant grant = auth.grant();
            accessKey = grant.accessKey();

            S3Routes.Target target = bucket == null ? S3Routes.Target.SERVICE : key == null ? S3Routes.Target.BUCKET : S3Routes.Target.OBJECT;
            if (bucket != null) BucketNames.require(bucket);
            if (key != null && key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
                throw S3ErrorCode.KEY_TOO_LONG.exception().with("Size", Integer.toString(key.getBytes(StandardCharsets.UTF_8).length))
                        .with("MaxSizeAllowed", Integer.toString(MAX_KEY_BYTES));
            }
            S3Request req = new S3Request(ex.method(), bucket, key, uri.query(), ex.headers(), ex.body(), auth,
                    storeForGrant.apply(grant), requestId, ex.host());
            S3Routes.Route route = routes.match(ex.method(), target, req).orElseThrow(() -> routes.noRoute(req));
            operation = route.operation();
            if (bucket != null && !grant.covers(bucket)) throw S3ErrorCode.ACCESS_DENIED.exception();
            if (route.writes() && !grant.canWrite()) throw S3ErrorCode.ACCESS_DENIED.exception("This grant is read-only.");
            Response response = route.handler().handle(req);
            ex.respond(withCommonHeaders(response, requestId));
        } catch (S3Exception e) {
            respondError(ex, e, bucket == null ? "/" : key == null ? "/" + bucket : "/" + bucket + "/" + key, requestId);
        } catch (IllegalArgumentException e) {
            respondError(ex, S3ErrorCode.INVALID_ARGUMENT.exception(e.getMessage()), "/", requestId);
        }
        return new Outcome(operation, accessKey);
    }

    private static void respondError(Exchange ex, S3Exception e, String resource, String requestId) {
        if (ex.responded()) {
            ex.abort();
            return;
        }
        ex.respond(S3ErrorResponses.render(e, resource, requestId));
    }

    private static Response withCommonHeaders(Response r, String requestId) {
        List<java.util.Map.Entry<String, String>> headers = new java.util.ArrayList<>(r.headers());
        headers.add(java.util.Map.entry("x-amz-request-id", requestId));
        return new Response(r.status(), headers, r.body());
    }

    /** Virtual-hosted-style: {@code bucket.SUFFIX[:port]} for a configured suffix. */
    String bucketFromHost(String host) {
        if (host == null) return null;
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) return null;
        int colon = h.lastIndexOf(':');
        if (colon >= 0) h = h.substring(0, colon);
        for (String suffix : virtualHostSuffixes) {
            if (h.endsWith("." + suffix) && h.length() > suffix.length() + 1) return h.substring(0, h.length() - suffix.length() - 1);
        }
        return null;
    }
}
