package io.flashback.gateway.security;

import io.flashback.security.FlashbackClaims;
import io.netty.channel.ChannelOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The registry's list of signed-out sessions and revoked API keys, fetched every
 * {@code refreshInterval} and kept in memory, so that a token of a revoked session ({@code sid}) or
 * key ({@code api_key}) is refused within seconds instead of at its expiry (#13 L3) at the cost of
 * one set lookup per request, not a call to the registry.
 *
 * <p>Like {@link RegistryKeys} the list is fetched on its own connections and event-loop thread,
 * never on a loop shared with the server or its routes. A failed fetch keeps the last list (and is
 * logged): revocations already known stay in force while the registry is away.
 */
final class RevokedTokens implements OAuth2TokenValidator<Jwt>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RevokedTokens.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(5);
    private static final String SESSION_ID = "sid";

    private record Revoked(Set<String> sessions, Set<String> apiKeys) {
    }

    private final URI listUri;
    private final Duration refreshInterval;
    private final WebClient client;
    private final ConnectionProvider connections;
    private final LoopResources loops;
    private final AtomicReference<Revoked> revoked = new AtomicReference<>(new Revoked(Set.of(), Set.of()));
    private final AtomicReference<Disposable> polling = new AtomicReference<>();

    RevokedTokens(URI listUri, Duration refreshInterval) {
        this.listUri = listUri;
        this.refreshInterval = refreshInterval;
        this.connections = ConnectionProvider.create("token-revocations", 1);
        this.loops = LoopResources.create("token-revocations", 1, true);
        HttpClient http = HttpClient.create(connections).runOn(loops)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) CONNECT_TIMEOUT.toMillis())
                .responseTimeout(RESPONSE_TIMEOUT);
        this.client = WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
    }

    /** Starts fetching the list now and every {@code refreshInterval}, one fetch at a time. */
    void start() {
        Disposable started = Flux.interval(Duration.ZERO, refreshInterval)
                .onBackpressureDrop()
                .concatMap(tick -> fetch(), 1)
                .subscribe();
        Disposable previous = polling.getAndSet(started);
        if (previous != null) {
            previous.dispose();
        }
    }

    private Mono<Revoked> fetch() {
        return client.get().uri(listUri).retrieve().bodyToMono(String.class)
                .timeout(RESPONSE_TIMEOUT)
                .map(RevokedTokens::parse)
                .doOnNext(revoked::set)
                .onErrorResume(failure -> {
                    log.warn("Could not fetch the registry's token revocations from {} (the last list stays in force): {}", listUri, failure.toString());
                    return Mono.empty();
                });
    }

    private static Revoked parse(String body) {
        JsonNode list = JSON.readTree(body);
        Set<String> sessions = new HashSet<>();
        Set<String> apiKeys = new HashSet<>();
        list.path("sessions").forEach(id -> sessions.add(id.asString()));
        list.path("apiKeys").forEach(id -> apiKeys.add(id.asString()));
        return new Revoked(Set.copyOf(sessions), Set.copyOf(apiKeys));
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        Revoked now = revoked.get();
        String session = token.getClaimAsString(SESSION_ID);
        if (session != null && now.sessions().contains(session)) {
            return failure("the session this token belongs to was signed out; sign in again");
        }
        String apiKey = token.getClaimAsString(FlashbackClaims.API_KEY);
        if (apiKey != null && now.apiKeys().contains(apiKey)) {
            return failure("the API key this token was issued for has been revoked");
        }
        return OAuth2TokenValidatorResult.success();
    }

    private static OAuth2TokenValidatorResult failure(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
    }

    @Override
    public void close() {
        Disposable running = polling.getAndSet(null);
        if (running != null) {
            running.dispose();
        }
        connections.disposeLater().block(Duration.ofSeconds(5));
        loops.disposeLater().block(Duration.ofSeconds(5));
    }

    @Override
    public String toString() {
        return "RevokedTokens[" + listUri + " every " + refreshInterval + "]";
    }
}
