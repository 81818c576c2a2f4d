package io.flashback.gateway;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway in front of one live upstream (a {@link StandInService}, which also publishes the
 * JWKS the registry would) and services that are down.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s") // two shared cores: a first JWKS fetch can be slow
class GatewayRoutingIT {

    private static final StandInService UPSTREAM = new StandInService();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        String upstream = UPSTREAM.url();
        registry.add("flashback.gateway.services.registry", () -> upstream);
        for (String down : new String[] {"marketplace", "orchestrator", "monitor", "oracle"}) {
            registry.add("flashback.gateway.services." + down, () -> "http://127.0.0.1:" + unusedPort());
        }
        registry.add("flashback.security.jwks-uri", () -> upstream + "/.well-known/jwks.json");
        registry.add("flashback.security.issuer", () -> TestTokens.ISSUER);
        registry.add("flashback.gateway.rate-limits.per-account-capacity", () -> 5);
        registry.add("flashback.gateway.rate-limits.per-account-refill-per-second", () -> 0.001);
    }

    @Autowired
    WebTestClient client;

    @LocalServerPort
    int port;

    @AfterAll
    static void stopUpstream() {
        UPSTREAM.close();
    }

    @Test
    void routesToTheServiceWithoutTheApiPrefixAndCarriesTheRequestId() {
        client.get().uri("/api/registry/accounts/42").header("X-Request-Id", "req-123").headers(h -> h.setBearerAuth(token())).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Request-Id", "req-123")
                .expectBody(String.class).isEqualTo("{\"ok\":true}");

        assertThat(UPSTREAM.lastRequest().path()).isEqualTo("/accounts/42");
        assertThat(UPSTREAM.lastRequest().header("X-Request-Id")).isEqualTo("req-123");
    }

    @Test // #13 M4
    void refusesABodyLargerThanThePlatformAcceptsBeforeForwardingIt() {
        UPSTREAM.forgetLastRequest();
        client.post().uri("/api/registry/accounts").headers(h -> h.setBearerAuth(token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("[" + "0,".repeat(600_000) + "0]").exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.title").isEqualTo("Request body too large");
        assertThat(UPSTREAM.lastRequest()).as("nothing reached the service").isNull();
    }

    @Test
    void givesARequestWithoutIdOne() {
        client.get().uri("/api/registry/accounts").header("X-Request-Id", "bad id with spaces").headers(h -> h.setBearerAuth(token())).exchange()
                .expectStatus().isOk()
                .expectHeader().value("X-Request-Id", id -> assertThat(id).matches("[0-9a-f-]{36}"));
    }

    @Test
    void answersProblemDetails503WhenTheServiceIsDown() {
        client.post().uri("/api/marketplace/data-units").headers(h -> h.setBearerAuth(token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
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
        client.get().uri("/api/nosuchservice/things").headers(h -> h.setBearerAuth(token())).exchange().expectStatus().isNotFound();
    }

    @Test // #13 L1
    void refusesAServicesManagementEndpointsHoweverThePathIsDisguised() {
        String token = token();
        for (String disguised : List.of(
                "/api/registry/%61ctuator/prometheus",
                "/api/registry/%2561ctuator/prometheus",
                "/api/registry/%252561ctuator/env",
                "/api/registry/actuator;jsessionid=1/env",
                "/api/registry/actuator/%65nv",
                "/api/registry//actuator/env",
                "/api/registry/./actuator/env",
                "/api/registry/accounts/../actuator/env",
                "/api/registry/accounts/%2e%2e/actuator/env",
                "/api/registry/ACTUATOR/env",
                "/api/registry/Actuator/prometheus",
                "/api/registry/actuator/health/../env",
                "/api/registry/actuator/health/..%2fenv",
                "/api/registry/actuator/health;x=y/..;/prometheus")) {
            client.get().uri(raw(disguised)).headers(h -> h.setBearerAuth(token)).exchange()
                    .expectStatus().value(status -> assertThat(status).as(disguised).isEqualTo(404))
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        client.get().uri("/api/registry/actuator/health/liveness").exchange().expectStatus().isOk();
    }

    @Test // #13 L1
    void itsOwnHealthStatusIsPublicButItsDetailsAndMetricsAreForOperators() {
        client.get().uri("/actuator/health").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP").jsonPath("$.components").doesNotExist();
        client.get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        client.get().uri(raw("/actuator/%70rometheus")).exchange().expectStatus().isUnauthorized();
        client.get().uri("/actuator/prometheus").headers(h -> h.setBearerAuth(token())).exchange().expectStatus().isForbidden();

        String operator = TestTokens.token(TestTokens.wallet(), List.of("OPERATOR"));
        client.get().uri("/actuator/prometheus").headers(h -> h.setBearerAuth(operator)).exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("jvm_memory_used_bytes"));
        client.get().uri("/actuator/health").headers(h -> h.setBearerAuth(operator)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.components").exists();
    }

    @Test
    void refusesAnApiRequestWithoutTokenWithProblemDetails() {
        client.get().uri("/api/registry/accounts/me").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.title").isEqualTo("Unauthorized").jsonPath("$.instance").isEqualTo("/api/registry/accounts/me");
    }

    @Test
    void refusesExpiredTokensTokensOfAnotherIssuerAndTokensSignedWithAnotherKey() {
        String expired = TestTokens.token(TestTokens.KEY, TestTokens.ISSUER, TestTokens.wallet(), List.of("CONSUMER"),
                Instant.now().minus(Duration.ofHours(1)), Duration.ofMinutes(15));
        String otherIssuer = TestTokens.token(TestTokens.KEY, "somebody-else", TestTokens.wallet(), List.of("CONSUMER"), Instant.now(), Duration.ofMinutes(15));
        String otherKey = TestTokens.token(TestTokens.OTHER_KEY, TestTokens.ISSUER, TestTokens.wallet(), List.of("CONSUMER"), Instant.now(), Duration.ofMinutes(15));

        for (String token : List.of(expired, otherIssuer, otherKey, "not-a-jwt")) {
            client.get().uri("/api/registry/accounts/me").headers(h -> h.setBearerAuth(token)).exchange()
                    .expectStatus().isUnauthorized().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    @Test
    void letsSignInAndNodeRequestsThroughWithoutToken() {
        client.post().uri("/api/registry/auth/nonce").exchange().expectStatus().isOk();
        client.post().uri("/api/registry/nodes/announce").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange().expectStatus().isOk();
        client.get().uri("/api/registry/.well-known/jwks.json").exchange().expectStatus().isOk();
        client.get().uri("/api/marketplace/data-units").exchange().expectStatus().isEqualTo(503);
        client.post().uri("/api/registry/nodes").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void passesTheTokenOnAndTellsTheServiceWhoCallsButNotWhatTheCallerClaims() {
        String wallet = TestTokens.wallet();
        String token = TestTokens.token(wallet, List.of("PROVIDER", "CONSUMER"));

        client.get().uri("/api/registry/nodes").headers(h -> h.setBearerAuth(token)).header("X-Account-Id", "0xspoofed").exchange()
                .expectStatus().isOk();
        assertThat(UPSTREAM.lastRequest().header("Authorization")).isEqualTo("Bearer " + token);
        assertThat(UPSTREAM.lastRequest().headers().get("X-Account-Id")).containsExactly(wallet);
        assertThat(UPSTREAM.lastRequest().header("X-Roles")).isEqualTo("CONSUMER,PROVIDER");

        client.post().uri("/api/registry/auth/nonce").header("X-Account-Id", "0xspoofed").header("X-Roles", "OPERATOR").exchange()
                .expectStatus().isOk();
        assertThat(UPSTREAM.lastRequest().headers()).doesNotContainKey("X-Account-Id");
        assertThat(UPSTREAM.lastRequest().headers()).doesNotContainKey("X-Roles");
    }

    @Test // #13 L8
    void appendsTheClientsAddressToXForwardedForAfterWhateverTheClientSent() {
        client.post().uri("/api/registry/auth/nonce").header("X-Forwarded-For", "203.0.113.66").exchange().expectStatus().isOk();

        List<String> forwarded = UPSTREAM.lastRequest().headers().entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase("X-Forwarded-For")).flatMap(header -> header.getValue().stream())
                .flatMap(value -> java.util.Arrays.stream(value.split(","))).map(String::trim).toList();
        assertThat(forwarded).first().isEqualTo("203.0.113.66");
        assertThat(forwarded).last().isEqualTo("127.0.0.1");
    }

    @Test
    void limitsRequestsPerAccountWithA429ProblemAndRetryAfter() {
        String busy = token();
        for (int i = 0; i < 5; i++) {
            client.get().uri("/api/registry/accounts/me").headers(h -> h.setBearerAuth(busy)).exchange().expectStatus().isOk();
        }

        client.get().uri("/api/registry/accounts/me").headers(h -> h.setBearerAuth(busy)).exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value("Retry-After", value -> assertThat(Long.parseLong(value)).isPositive())
                .expectBody().jsonPath("$.title").isEqualTo("Too many requests").jsonPath("$.detail").value(detail ->
                        assertThat(detail.toString()).contains("account"));
        client.get().uri("/api/registry/accounts/me").headers(h -> h.setBearerAuth(token())).exchange().expectStatus().isOk();
    }

    /** The path exactly as written, not encoded again. */
    private URI raw(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String token() {
        return TestTokens.token(TestTokens.wallet(), List.of("CONSUMER"));
    }

    static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
