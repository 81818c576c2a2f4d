package io.flashback.gateway;

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
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway when the registry's token keys cannot be had: its JWKS URL accepts connections and
 * never answers. A request with a token is then the gateway's problem — a prompt 503 problem with
 * Retry-After — never a hang, a 500, or a 401 that would tell a client its good token is bad.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
class GatewayWithoutRegistryKeysIT {

    private static final SilentServer SILENT_REGISTRY = new SilentServer();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        for (String name : new String[] {"registry", "marketplace", "orchestrator", "monitor", "oracle"}) {
            registry.add("flashback.gateway.services." + name, () -> "http://127.0.0.1:" + GatewayRoutingIT.unusedPort());
        }
        registry.add("flashback.security.jwks-uri", () -> "http://127.0.0.1:" + SILENT_REGISTRY.port() + "/.well-known/jwks.json");
        registry.add("flashback.security.issuer", () -> TestTokens.ISSUER);
    }

    @Autowired
    WebTestClient client;

    @AfterAll
    static void stopRegistry() {
        SILENT_REGISTRY.close();
    }

    @Test
    void aTokenThatCannotBeCheckedIsAnsweredWithA503ProblemNotAHang() {
        String token = TestTokens.token(TestTokens.wallet(), List.of("CONSUMER"));

        client.get().uri("/api/registry/accounts/me").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals("Retry-After", "5")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.title").isEqualTo("Service unavailable")
                .jsonPath("$.detail").value(detail -> assertThat(detail.toString()).contains("token keys"));
        assertThat(SILENT_REGISTRY.connections()).isPositive();
    }

    @Test
    void aMalformedTokenIsStillTheCallersProblem() {
        client.get().uri("/api/registry/accounts/me").headers(h -> h.setBearerAuth("not-a-jwt")).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    /** Accepts connections, reads nothing, answers nothing. */
    static final class SilentServer implements AutoCloseable {
        private final ServerSocket socket;
        private final List<Socket> accepted = new CopyOnWriteArrayList<>();

        SilentServer() {
            try {
                socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Thread.ofVirtual().name("silent-registry").start(() -> {
                while (!socket.isClosed()) {
                    try {
                        accepted.add(socket.accept());
                    } catch (IOException e) {
                        return; // closed
                    }
                }
            });
        }

        int port() {
            return socket.getLocalPort();
        }

        int connections() {
            return accepted.size();
        }

        @Override
        public void close() {
            try {
                socket.close();
                for (Socket s : accepted) {
                    s.close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
