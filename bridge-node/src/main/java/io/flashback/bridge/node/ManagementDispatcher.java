package io.flashback.bridge.node;

import io.flashback.bridge.server.Exchange;
import io.flashback.bridge.server.RequestDispatcher;
import io.flashback.bridge.server.Response;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** The management port: Prometheus scrape endpoint and a JSON health check. */
final class ManagementDispatcher implements RequestDispatcher {
    private final PrometheusMeterRegistry registry;
    private final Supplier<String> healthJson;

    ManagementDispatcher(PrometheusMeterRegistry registry, Supplier<String> healthJson) {
        this.registry = registry;
        this.healthJson = healthJson;
    }

    @Override
    public void dispatch(Exchange ex) {
        String path = ex.uri().split("\\?", 2)[0];
        Response r = switch (path) {
            case "/metrics", "/actuator/prometheus" -> Response.status(200)
                    .header("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                    .body(new Response.Bytes(registry.scrape().getBytes(StandardCharsets.UTF_8))).build();
            case "/health", "/actuator/health" -> Response.status(200).json(healthJson.get().getBytes(StandardCharsets.UTF_8)).build();
            default -> Response.status(404).json("{\"error\":\"not found\"}".getBytes(StandardCharsets.UTF_8)).build();
        };
        ex.respond(r);
    }

    @Override
    public Response malformed(Throwable cause) {
        return Response.status(400).build();
    }
}
