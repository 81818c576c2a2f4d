package io.flashback.bridge.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The node's side of the platform, reached through the gateway: the registry's bridge-node API
 * ({@code BASE/api/registry/nodes/...}), whose requests carry the node key's signature instead of a token, and —
 * with a NODE token from {@link #nodeToken} — the orchestrator's grant sync ({@code BASE/api/orchestrator/nodes/...}).
 */
public final class PlatformClient {
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI base;
    private final HttpClient http;
    private final Duration requestTimeout;

    public PlatformClient(URI gatewayBaseUrl) {
        this(gatewayBaseUrl, Duration.ofSeconds(5), Duration.ofSeconds(20));
    }

    public PlatformClient(URI gatewayBaseUrl, Duration connectTimeout, Duration requestTimeout) {
        String url = gatewayBaseUrl.toString();
        this.base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.requestTimeout = requestTimeout;
    }

    /** Checks a {@code --platform-url} value: an absolute http(s) URL. */
    public static URI parseBaseUrl(String value) {
        try {
            URI uri = new URI(value);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("must be an http:// or https:// URL, not '" + value + "'");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("'" + value + "' is not a URL");
        }
    }

    public URI base() {
        return base;
    }

    record Announced(UUID nodeId, String secret, String state) {}

    Announced announce(Map<String, Object> body) {
        JsonNode answer = post("/nodes/announce", body);
        String secret = answer.path("secret").isNull() || answer.path("secret").isMissingNode() ? null : answer.path("secret").asString();
        return new Announced(UUID.fromString(answer.path("nodeId").asString()), secret, answer.path("state").asString());
    }

    JsonNode claimTerms(UUID nodeId, String code) {
        return post("/nodes/" + nodeId + "/claim-terms", Map.of("code", code));
    }

    JsonNode claim(UUID nodeId, String code, long deadline, String signature) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("deadline", deadline);
        body.put("signature", signature);
        return post("/nodes/" + nodeId + "/claim", body);
    }

    JsonNode heartbeat(UUID nodeId, long timestamp, String signature) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("timestamp", timestamp);
        body.put("signature", signature);
        return post("/nodes/" + nodeId + "/heartbeats", body);
    }

    /** A NODE access token for a token request signed with the node key ({@link NodeMessages#tokenRequest}). */
    record NodeToken(String accessToken, long expiresInSeconds) {
        /** Never prints the token. */
        @Override
        public String toString() {
            return "NodeToken[expiresIn=" + expiresInSeconds + "s]";
        }
    }

    NodeToken nodeToken(UUID nodeId, String nonce, long timestamp, String signature) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("nonce", nonce);
        body.put("timestamp", timestamp);
        body.put("signature", signature);
        JsonNode answer = post("/nodes/" + nodeId + "/token", body);
        String token = answer.path("accessToken").asString("");
        if (token.isBlank()) throw new PlatformException(200, "Unexpected answer", "no accessToken in the token answer", null);
        return new NodeToken(token, answer.path("expiresIn").asLong(60));
    }

    /** The node's grant changes after {@code since} ({@code GET /api/orchestrator/nodes/{id}/grants}), with a NODE token. */
    JsonNode grants(UUID nodeId, long since, String accessToken) {
        URI uri = URI.create(base + "/api/orchestrator/nodes/" + nodeId + "/grants?since=" + since);
        return send(uri, HttpRequest.newBuilder(uri).timeout(requestTimeout).header("Accept", "application/json, application/problem+json")
                .header("Authorization", "Bearer " + accessToken).GET().build());
    }

    /**
     * The test grants of the certification run checking this node now, if any ({@code GET /api/registry/nodes/{id}/test-grants}),
     * with a NODE token.
     */
    JsonNode testGrants(UUID nodeId, String accessToken) {
        URI uri = URI.create(base + "/api/registry/nodes/" + nodeId + "/test-grants");
        return send(uri, HttpRequest.newBuilder(uri).timeout(requestTimeout).header("Accept", "application/json, application/problem+json")
                .header("Authorization", "Bearer " + accessToken).GET().build());
    }

    /** The monitor's canary key on this node ({@code GET /api/monitor/nodes/{id}/canary-grants}), with a NODE token. */
    JsonNode canaryGrants(UUID nodeId, String accessToken) {
        URI uri = URI.create(base + "/api/monitor/nodes/" + nodeId + "/canary-grants");
        return send(uri, HttpRequest.newBuilder(uri).timeout(requestTimeout).header("Accept", "application/json, application/problem+json")
                .header("Authorization", "Bearer " + accessToken).GET().build());
    }

    /** The oracle's answer to a metric batch, whatever its status: the metric shipper decides what each one means. */
    public record BatchAnswer(int status, JsonNode body) {
        /** The problem's detail (else its title, else the status), for logs. */
        public String reason() {
            String detail = text(body, "detail");
            String title = text(body, "title");
            return detail != null ? detail : title != null ? title : "HTTP " + status;
        }
    }

    /**
     * Posts a signed metric batch, the JSON exactly as spooled, to the oracle's ingest
     * ({@code POST BASE/api/oracle/ingest/batches}, issue #7); throws {@link PlatformException} only when the platform
     * was not reached.
     */
    public BatchAnswer postMetricBatch(byte[] batchJson) {
        URI uri = URI.create(base + "/api/oracle/ingest/batches");
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(requestTimeout)
                .header("Content-Type", "application/json").header("Accept", "application/json, application/problem+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(batchJson)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json = parse(response.body());
            return new BatchAnswer(response.statusCode(), json == null ? JSON.createObjectNode() : json);
        } catch (IOException e) {
            throw PlatformException.unreachable(uri.toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PlatformException.unreachable(uri.toString(), e);
        }
    }

    private JsonNode post(String path, Map<String, ?> body) {
        URI uri = URI.create(base + "/api/registry" + path);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(requestTimeout)
                .header("Content-Type", "application/json").header("Accept", "application/json, application/problem+json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        return send(uri, request);
    }

    private JsonNode send(URI uri, HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw PlatformException.unreachable(uri.toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PlatformException.unreachable(uri.toString(), e);
        }
        JsonNode json = parse(response.body());
        if (response.statusCode() / 100 == 2) {
            if (json == null) throw new PlatformException(response.statusCode(), "Unexpected answer", "not JSON from " + uri, null);
            return json;
        }
        String title = json == null ? null : text(json, "title");
        String detail = json == null ? null : text(json, "detail");
        throw new PlatformException(response.statusCode(), title == null ? "HTTP " + response.statusCode() + " from " + uri : title,
                detail == null && json == null ? abbreviate(response.body()) : detail, null);
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) return null;
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static String text(JsonNode json, String field) {
        JsonNode node = json.path(field);
        return node.isString() ? node.asString() : null;
    }

    private static String abbreviate(String body) {
        if (body == null) return null;
        String line = body.strip().replaceAll("\\s+", " ");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    @Override
    public String toString() {
        return "PlatformClient[" + base + "]";
    }
}
