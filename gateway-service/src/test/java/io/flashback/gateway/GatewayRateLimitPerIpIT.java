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

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-IP limit, which also covers requests without a token (its own context: every test request comes from 127.0.0.1). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
class GatewayRateLimitPerIpIT {

    private static final StandInService UPSTREAM = new StandInService();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        String upstream = UPSTREAM.url();
        for (String name : new String[] {"registry", "marketplace", "orchestrator", "monitor", "oracle"}) {
            registry.add("flashback.gateway.services." + name, () -> upstream);
        }
        registry.add("flashback.security.jwks-uri", () -> upstream + "/.well-known/jwks.json");
        registry.add("flashback.security.issuer", () -> TestTokens.ISSUER);
        registry.add("flashback.gateway.rate-limits.per-ip-capacity", () -> 4);
        registry.add("flashback.gateway.rate-limits.per-ip-refill-per-second", () -> 0.001);
    }

    @Autowired
    WebTestClient client;

    @AfterAll
    static void stopUpstream() {
        UPSTREAM.close();
    }

    @Test
    void anIpAddressOverItsLimitGets429WhetherOrNotItSendsATokenOrAValidOne() {
        String token = TestTokens.token(TestTokens.wallet(), List.of("CONSUMER"));
        client.post().uri("/api/registry/auth/nonce").exchange().expectStatus().isOk();
        client.get().uri("/api/marketplace/data-units").exchange().expectStatus().isOk();
        client.get().uri("/api/registry/accounts/me").headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk();
        client.get().uri("/api/registry/accounts/me").headers(h -> h.setBearerAuth("forged")).exchange().expectStatus().isUnauthorized();

        client.post().uri("/api/registry/auth/nonce").exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value("Retry-After", value -> assertThat(Long.parseLong(value)).isGreaterThan(100))
                .expectBody().jsonPath("$.detail").value(detail -> assertThat(detail.toString()).contains("IP address"));
        client.get().uri("/api/registry/accounts/me").headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isEqualTo(429);
    }
}
