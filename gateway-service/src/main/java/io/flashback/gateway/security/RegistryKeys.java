package io.flashback.gateway.security;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import io.netty.channel.ChannelOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The registry's public token keys (its JWKS), as the gateway's token decoder needs them.
 *
 * <p>The key set is fetched on first use and again when a token names a key not in it (the
 * registry rotated its key) — but at most once per {@code minRefreshInterval}, so a stream of
 * tokens with made-up key ids cannot turn the gateway into a load generator against the registry,
 * and concurrent requests share one fetch. A fetch is bounded by timeouts: a registry that does
 * not answer makes requests fail in seconds instead of holding them.
 */
final class RegistryKeys implements Function<SignedJWT, Flux<JWK>>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RegistryKeys.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(5);

    private final WebClient client;
    private final ConnectionProvider connections;
    private final LoopResources loops;
    private final URI jwksUri;
    private final Duration minRefreshInterval;
    private final Clock clock;
    private final AtomicReference<JWKSet> keys = new AtomicReference<>();
    private final AtomicReference<Instant> lastFetchStarted = new AtomicReference<>(Instant.EPOCH);
    private final AtomicReference<Sinks.One<JWKSet>> fetchInFlight = new AtomicReference<>();

    RegistryKeys(URI jwksUri, Duration minRefreshInterval, Clock clock) {
        this.jwksUri = jwksUri;
        this.minRefreshInterval = minRefreshInterval;
        this.clock = clock;
        // its own connections and its own event-loop thread: a key fetch never shares a loop with the
        // requests waiting for it, nor with the gateway's server or its routes' client
        this.connections = ConnectionProvider.create("registry-keys", 2);
        this.loops = LoopResources.create("registry-keys", 1, true);
        HttpClient http = HttpClient.create(connections).runOn(loops)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) CONNECT_TIMEOUT.toMillis())
                .responseTimeout(RESPONSE_TIMEOUT);
        this.client = WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
    }

    /** Fetches the key set now (at start), so that the first request with a token does not wait for it; a failure is logged and retried on use. */
    void prefetch() {
        fetch().subscribe(set -> log.info("Fetched the registry's token keys from {}: {} key(s)", jwksUri, set.getKeys().size()), failure -> { });
    }

    @Override
    public void close() {
        connections.disposeLater().block(Duration.ofSeconds(5));
        loops.disposeLater().block(Duration.ofSeconds(5));
    }

    @Override
    public Flux<JWK> apply(SignedJWT token) {
        JWKSelector selector = new JWKSelector(JWKMatcher.forJWSHeader(token.getHeader()));
        JWKSet known = keys.get();
        if (known != null) {
            List<JWK> found = selector.select(known);
            if (!found.isEmpty() || !mayRefetch()) {
                return Flux.fromIterable(found);
            }
        }
        return fetch().flatMapMany(set -> Flux.fromIterable(selector.select(set)));
    }

    private boolean mayRefetch() {
        return !lastFetchStarted.get().plus(minRefreshInterval).isAfter(clock.instant());
    }

    /**
     * The key set from the registry. One fetch at a time: callers arriving while it runs wait for
     * its result. The fetch is subscribed here, not by the request that started it, so it carries
     * no request's context and a request that goes away does not cancel it for the others; it
     * always ends (timeouts), and its sink then answers every waiting caller, late ones included.
     */
    private Mono<JWKSet> fetch() {
        while (true) {
            Sinks.One<JWKSet> running = fetchInFlight.get();
            if (running != null) {
                return running.asMono();
            }
            Sinks.One<JWKSet> mine = Sinks.one();
            if (fetchInFlight.compareAndSet(null, mine)) {
                lastFetchStarted.set(clock.instant());
                client.get().uri(jwksUri).retrieve().bodyToMono(String.class)
                        .timeout(RESPONSE_TIMEOUT)
                        .map(RegistryKeys::parse)
                        .switchIfEmpty(Mono.error(() -> new IllegalStateException("The registry answered its JWKS URL with an empty body")))
                        .subscribe(set -> {
                            keys.set(set);
                            fetchInFlight.set(null);
                            mine.tryEmitValue(set);
                        }, failure -> {
                            log.warn("Could not fetch the registry's token keys from {}: {}", jwksUri, failure.toString());
                            fetchInFlight.set(null);
                            mine.tryEmitError(failure);
                        });
                return mine.asMono();
            }
        }
    }

    private static JWKSet parse(String body) {
        try {
            return JWKSet.parse(body);
        } catch (ParseException e) {
            throw new IllegalStateException("The registry's JWKS is not a valid JWK set: " + e.getMessage(), e);
        }
    }
}
