package io.flashback.gateway;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * #15: calls refused while a service was still starting (a bridge node announcing itself before the
 * registry is up) must not open its circuit once it serves. With a window of the last 20 calls they
 * did: six refusals and four good calls made 60 % failures, and the first sign-ins after the platform
 * was healthy were answered 503.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
class CircuitAfterAServiceStartedIT {

    private static final int LATE_SERVICE_PORT = GatewayRoutingIT.unusedPort();
    private static final StandInService KEYS = new StandInService();
    private static StandInService lateService;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        for (String name : new String[] {"registry", "orchestrator", "monitor", "oracle"}) {
            registry.add("flashback.gateway.services." + name, () -> "http://127.0.0.1:" + GatewayRoutingIT.unusedPort());
        }
        registry.add("flashback.gateway.services.marketplace", () -> "http://127.0.0.1:" + LATE_SERVICE_PORT);
        registry.add("flashback.security.jwks-uri", () -> KEYS.url() + "/.well-known/jwks.json");
        registry.add("flashback.security.issuer", () -> TestTokens.ISSUER);
    }

    @Autowired
    WebTestClient client;

    @AfterAll
    static void stop() {
        KEYS.close();
        if (lateService != null) {
            lateService.close();
        }
    }

    @Test // #15
    void refusalsBeforeAServiceStartedDoNotOpenItsCircuitOnceItServes() {
        for (int i = 0; i < 6; i++) {
            client.get().uri("/api/marketplace/data-units").exchange().expectStatus().isEqualTo(503);
        }
        lateService = new StandInService(LATE_SERVICE_PORT);
        // the platform reports healthy some seconds after the refusals; by then they are out of the breaker's window
        await().pollDelay(Duration.ofSeconds(11)).atMost(Duration.ofSeconds(30))
                .until(() -> client.get().uri("/api/marketplace/data-units").exchange().returnResult(String.class).getStatus().value() == 200);

        for (int i = 0; i < 20; i++) {
            client.get().uri("/api/marketplace/data-units").exchange().expectStatus().isOk();
        }
    }
}
