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

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tokens of a signed-out session or a revoked API key, still unexpired, are refused within
 * seconds of the registry listing them (the stand-in registry publishes the list as the registry does).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
class GatewayRefusingRevokedTokensIT {

    private static final StandInService REGISTRY = new StandInService();
    private static final Duration WITHIN_SECONDS = Duration.ofSeconds(6);

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        for (String name : new String[] {"registry", "marketplace", "orchestrator", "monitor", "oracle"}) {
            registry.add("flashback.gateway.services." + name, REGISTRY::url);
        }
        registry.add("flashback.security.jwks-uri", () -> REGISTRY.url() + "/.well-known/jwks.json");
        registry.add("flashback.security.issuer", () -> TestTokens.ISSUER);
    }

    @Autowired
    WebTestClient client;

    @AfterAll
    static void stopRegistry() {
        REGISTRY.close();
    }

    @Test // #13 L3
    void aSignedOutSessionsTokenIsRefusedWithinSeconds() {
        String session = UUID.randomUUID().toString();
        String token = TestTokens.token(TestTokens.wallet(), List.of("CONSUMER"), Map.of("sid", session));
        String otherSession = TestTokens.token(TestTokens.wallet(), List.of("CONSUMER"), Map.of("sid", UUID.randomUUID().toString()));
        status(token, 200);

        REGISTRY.revokeSession(session);

        await().atMost(WITHIN_SECONDS).untilAsserted(() -> status(token, 401));
        client.get().uri("/api/registry/accounts/me").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat(detail.toString()).contains("revoked"));
        status(otherSession, 200);
    }

    @Test // #13 L3
    void aRevokedApiKeysTokenIsRefusedWithinSeconds() {
        String key = "fbk_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String token = TestTokens.token(TestTokens.wallet(), List.of("CONSUMER"), Map.of("api_key", key));
        status(token, 200);

        REGISTRY.revokeApiKey(key);

        await().atMost(WITHIN_SECONDS).untilAsserted(() -> status(token, 401));
    }

    @Test // #13 L3
    void theRevocationListIsNotServedThroughTheGateway() {
        String token = TestTokens.token(TestTokens.wallet(), List.of("CONSUMER"));
        client.get().uri("/api/registry/internal/token-revocations").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isNotFound();
        client.get().uri("/api/registry/%69nternal/token-revocations").exchange().expectStatus().isNotFound();
    }

    private void status(String token, int expected) {
        client.get().uri("/api/registry/accounts/me").headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isEqualTo(expected);
    }
}
