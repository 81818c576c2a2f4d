package io.flashback.gateway;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway in front of one live upstream (a plain HTTP server standing in for a service) and
 * one that is down.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class GatewayRoutingIT {

    private static final HttpServer UPSTREAM = startUpstream();
    private static final AtomicReference<String> SEEN_PATH = new AtomicReference<>();
    private static final AtomicReference<String> SEEN_REQUEST_ID = new AtomicReference<>();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("flashback.gateway.services.registry", () -> "http://127.0.0.1:" + UPSTREAM.getAddress().getPort());
        for (String down : new String[] {"marketplace", "orchestrator", "monitor", "oracle"}) {
            registry.add("flashback.gateway.services." + down, () -> "http://127.0.0.1:" + unusedPort());
        }
    }

    @Autowired
    WebTestClient client;

    @AfterAll
    static void stopUpstream() {
        UPSTREAM.stop(0);
    }

    @Test
    void routesToTheServiceWithoutTheApiPrefixAndCarriesTheRequestId() {
        client.get().uri("/api/registry/accounts/42").header("X-Request-Id", "req-123").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Request-Id", "req-123")
                .expectBody(String.class).isEqualTo("{\"ok\":true}");

        assertThat(SEEN_PATH.get()).isEqualTo("/accounts/42");
        assertThat(SEEN_REQUEST_ID.get()).isEqualTo("req-123");
    }

    @Test
    void givesARequestWithoutIdOne() {
        client.get().uri("/api/registry/accounts").header("X-Request-Id", "bad id with spaces").exchange()
                .expectStatus().isOk()
                .expectHeader().value("X-Request-Id", id -> assertThat(id).matches("[0-9a-f-]{36}"));
    }

    @Test
    void answersProblemDetails503WhenTheServiceIsDown() {
        client.post().uri("/api/marketplace/data-units").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("Retry-After", "5")
                .expectBody()
                .jsonPath("$.title").isEqualTo("Service unavailable")
                .jsonPath("$.service").isEqualTo("marketplace")
                .jsonPath("$.instance").isEqualTo("/api/marketplace/data-units");
    }

    @Test
    void exposesOnlyTheHealthOfAServiceNotItsOtherManagementEndpoints() {
        client.get().uri("/api/registry/actuator/health").exchange().expectStatus().isOk();
        client.get().uri("/api/registry/actuator/prometheus").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        client.get().uri("/api/registry/actuator/env").exchange().expectStatus().isNotFound();
    }

    @Test
    void unknownServiceIsNotFound() {
        client.get().uri("/api/nosuchservice/things").exchange().expectStatus().isNotFound();
    }

    @Test
    void exposesItsOwnHealthAndPrometheusMetrics() {
        client.get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
        client.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("jvm_memory_used_bytes"));
    }

    private static HttpServer startUpstream() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                SEEN_PATH.set(exchange.getRequestURI().getPath());
                SEEN_REQUEST_ID.set(exchange.getRequestHeaders().getFirst("X-Request-Id"));
                byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
