package io.flashback.gateway;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code management.server.port} set apart, a Prometheus on the internal network scrapes the
 * gateway's metrics there without a token, while the public port still refuses them (#13 L1).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayManagementPortIT {

    private static final StandInService UPSTREAM = new StandInService();
    private static final int MANAGEMENT_PORT = GatewayRoutingIT.unusedPort();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        for (String name : new String[] {"registry", "marketplace", "orchestrator", "monitor", "oracle"}) {
            registry.add("flashback.gateway.services." + name, UPSTREAM::url);
        }
        registry.add("flashback.security.jwks-uri", () -> UPSTREAM.url() + "/.well-known/jwks.json");
        registry.add("flashback.security.issuer", () -> TestTokens.ISSUER);
        registry.add("management.server.port", () -> MANAGEMENT_PORT);
    }

    @LocalServerPort
    int port;

    @AfterAll
    static void stopUpstream() {
        UPSTREAM.close();
    }

    @Test // #13 L1
    void metricsAreOpenOnTheSeparateManagementPortOnlyThere() {
        WebTestClient management = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + MANAGEMENT_PORT).responseTimeout(Duration.ofSeconds(30)).build();
        WebTestClient publicPort = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(30)).build();

        management.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("jvm_memory_used_bytes"));
        publicPort.get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
        publicPort.get().uri("/actuator/health").exchange().expectStatus().isNotFound();
    }
}
