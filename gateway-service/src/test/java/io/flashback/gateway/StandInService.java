package io.flashback.gateway;

import io.netty.handler.codec.http.HttpHeaders;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A plain HTTP server standing in for a Flashback service behind the gateway: it answers every
 * request with {@code {"ok":true}} (after {@link #SLOW} when its path ends in {@code /slow}, so that
 * requests stay in flight), remembers the last request it saw, and publishes the test's
 * JWKS and token revocation list as the registry would. Built on reactor-netty (event loop, keep-alive as the gateway's own
 * client expects) so that the gateway's pooled connections to it behave as they do against a
 * real service.
 */
final class StandInService implements AutoCloseable {

    /** What the service saw of one request; header names are case-insensitive. */
    record SeenRequest(String path, Map<String, List<String>> headers) {
        String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.getFirst();
        }
    }

    static final Duration SLOW = Duration.ofSeconds(2);

    private final AtomicReference<SeenRequest> lastRequest = new AtomicReference<>();
    private final List<String> revokedSessions = new CopyOnWriteArrayList<>();
    private final List<String> revokedApiKeys = new CopyOnWriteArrayList<>();
    private final DisposableServer server;

    StandInService() {
        this(0);
    }

    /** On {@code port} (0: any free one), e.g. where the gateway already routes to a service that was not up yet. */
    StandInService(int port) {
        server = HttpServer.create().host("127.0.0.1").port(port)
                .route(routes -> routes
                        .get("/.well-known/jwks.json", (request, response) -> response
                                .header("Content-Type", "application/jwk-set+json")
                                .sendString(Mono.fromSupplier(TestTokens::jwks)))
                        .get("/internal/token-revocations", (request, response) -> response
                                .header("Content-Type", "application/json")
                                .sendString(Mono.fromSupplier(this::revocations)))
                        .route(request -> true, (request, response) -> {
                            lastRequest.set(new SeenRequest(request.fullPath(), copy(request.requestHeaders())));
                            Mono<String> body = request.receive().aggregate().asString().defaultIfEmpty("");
                            if (request.fullPath().endsWith("/slow")) {
                                body = body.delayElement(SLOW);
                            }
                            return response.header("Content-Type", "application/json").sendString(body.map(ignored -> "{\"ok\":true}"));
                        }))
                .bindNow();
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    SeenRequest lastRequest() {
        return lastRequest.get();
    }

    /** Lists a session as signed out, as the registry does on sign-out. */
    void revokeSession(String sessionId) {
        revokedSessions.add(sessionId);
    }

    /** Lists an API key as revoked, as the registry does when its owner revokes it. */
    void revokeApiKey(String keyId) {
        revokedApiKeys.add(keyId);
    }

    private String revocations() {
        return "{\"sessions\":[" + quoted(revokedSessions) + "],\"apiKeys\":[" + quoted(revokedApiKeys) + "]}";
    }

    private static String quoted(List<String> ids) {
        return String.join(",", ids.stream().map(id -> "\"" + id + "\"").toList());
    }

    @Override
    public void close() {
        server.disposeNow();
    }

    private static Map<String, List<String>> copy(HttpHeaders headers) {
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : headers.names()) {
            copy.put(name, List.copyOf(headers.getAll(name)));
        }
        return copy;
    }
}
