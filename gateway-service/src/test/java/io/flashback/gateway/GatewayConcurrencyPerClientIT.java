package io.flashback.gateway;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One client's burst of concurrent requests against a slow service: the client gets 429s for what
 * goes beyond its share, and the service's circuit breaker stays closed for everybody else.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayConcurrencyPerClientIT {

    private static final StandInService UPSTREAM = new StandInService();
    private static final int BURST = 100;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        String upstream = UPSTREAM.url();
        for (String name : new String[] {"registry", "marketplace", "orchestrator", "monitor", "oracle"}) {
            registry.add("flashback.gateway.services." + name, () -> upstream);
        }
        registry.add("flashback.security.jwks-uri", () -> upstream + "/.well-known/jwks.json");
        registry.add("flashback.security.issuer", () -> TestTokens.ISSUER);
    }

    @LocalServerPort
    int port;

    @AfterAll
    static void stopUpstream() {
        UPSTREAM.close();
    }

    @Test // #13 M3
    void oneAnonymousClientsBurstGets429sAndDoesNotOpenTheBreakerForOthers() {
        ConnectionProvider connections = ConnectionProvider.builder("burst").maxConnections(BURST).pendingAcquireMaxCount(-1).build();
        try {
            WebClient client = WebClient.builder().baseUrl("http://127.0.0.1:" + port)
                    .clientConnector(new ReactorClientHttpConnector(HttpClient.create(connections))).build();

            List<Answer> burst = Flux.range(0, BURST)
                    .flatMap(i -> client.post().uri("/api/registry/auth/slow")
                            .exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("")
                                    .map(body -> new Answer(response.statusCode().value(), response.headers().asHttpHeaders(), body))), BURST)
                    .collectList().block(Duration.ofSeconds(60));

            Map<Integer, Long> statuses = burst.stream().collect(Collectors.groupingBy(Answer::status, Collectors.counting()));
            assertThat(statuses).containsOnlyKeys(200, 429);
            assertThat(statuses.get(200)).isGreaterThanOrEqualTo(16);
            Answer limited = burst.stream().filter(answer -> answer.status() == 429).findFirst().orElseThrow();
            assertThat(limited.headers().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
            assertThat(limited.headers().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(limited.body()).contains("in flight at once");

            String somebodyElse = TestTokens.token(TestTokens.wallet(), List.of("CONSUMER"));
            Answer other = client.get().uri("/api/registry/accounts/me").headers(h -> h.setBearerAuth(somebodyElse))
                    .exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("")
                            .map(body -> new Answer(response.statusCode().value(), response.headers().asHttpHeaders(), body)))
                    .block(Duration.ofSeconds(30));
            assertThat(other.status()).as("another client after the burst: %s", other.body()).isEqualTo(200);
        } finally {
            connections.disposeLater().block(Duration.ofSeconds(5));
        }
    }

    @Test // #13 M3
    void severalClientsWithinTheirShareAreAllServedAtOnce() {
        ConnectionProvider connections = ConnectionProvider.builder("clients").maxConnections(BURST).pendingAcquireMaxCount(-1).build();
        try {
            WebClient client = WebClient.builder().baseUrl("http://127.0.0.1:" + port)
                    .clientConnector(new ReactorClientHttpConnector(HttpClient.create(connections))).build();
            List<String> tokens = List.of(TestTokens.token(TestTokens.wallet(), List.of("CONSUMER")),
                    TestTokens.token(TestTokens.wallet(), List.of("CONSUMER")), TestTokens.token(TestTokens.wallet(), List.of("CONSUMER")));

            List<Integer> statuses = Flux.range(0, 16 * tokens.size())
                    .flatMap(i -> client.get().uri("/api/marketplace/data-units/slow").headers(h -> h.setBearerAuth(tokens.get(i % tokens.size())))
                            .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value())), BURST)
                    .collectList().block(Duration.ofSeconds(60));

            assertThat(statuses).as("48 requests in flight for one service, 16 per client").containsOnly(200);
        } finally {
            connections.disposeLater().block(Duration.ofSeconds(5));
        }
    }

    private record Answer(int status, HttpHeaders headers, String body) {
    }
}
