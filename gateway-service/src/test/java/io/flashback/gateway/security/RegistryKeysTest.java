package io.flashback.gateway.security;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegistryKeysTest {

    private static final Duration REFRESH = Duration.ofSeconds(10);

    private final ECKey first = key();
    private final ECKey rotated = key();
    private final AtomicReference<JWKSet> published = new AtomicReference<>(new JWKSet(first.toPublicJWK()));
    private final AtomicInteger fetches = new AtomicInteger();
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-27T10:00:00Z"));
    private final DisposableServer registry = HttpServer.create().host("127.0.0.1").port(0)
            .route(routes -> routes.get("/.well-known/jwks.json", (request, response) -> {
                fetches.incrementAndGet();
                return response.header("Content-Type", "application/jwk-set+json").sendString(Mono.fromSupplier(() -> published.get().toString()));
            }).get("/garbage", (request, response) -> response.sendString(Mono.just("not json"))))
            .bindNow();
    private final RegistryKeys keys = keysAt("/.well-known/jwks.json");

    @AfterEach
    void stop() {
        registry.disposeNow();
    }

    @Test
    void fetchesTheKeySetOnceForTokensOfAKnownKey() {
        assertThat(keyIds(keys.apply(token(first)))).containsExactly(first.getKeyID());
        assertThat(keyIds(keys.apply(token(first)))).containsExactly(first.getKeyID());
        assertThat(fetches).hasValue(1);
    }

    @Test
    void findsTheRegistrysNewKeyAfterARotation() {
        keys.apply(token(first)).collectList().block();
        published.set(new JWKSet(List.of(rotated.toPublicJWK(), first.toPublicJWK())));
        now.set(now.get().plus(REFRESH));

        assertThat(keyIds(keys.apply(token(rotated)))).containsExactly(rotated.getKeyID());
        assertThat(fetches).hasValue(2);
    }

    @Test
    void unknownKeyIdsRefetchAtMostOncePerInterval() {
        keys.apply(token(first)).collectList().block();
        ECKey madeUp = key();
        for (int i = 0; i < 50; i++) {
            assertThat(keyIds(keys.apply(token(madeUp)))).isEmpty();
        }
        assertThat(fetches).hasValue(1);

        now.set(now.get().plus(REFRESH));
        assertThat(keyIds(keys.apply(token(madeUp)))).isEmpty();
        assertThat(fetches).hasValue(2);
    }

    @Test
    void aRegistryThatDoesNotAnswerWithAKeySetFailsTheLookupInsteadOfHanging() {
        RegistryKeys broken = keysAt("/garbage");
        assertThatThrownBy(() -> broken.apply(token(first)).collectList().block(Duration.ofSeconds(10)))
                .hasMessageContaining("not a valid JWK set");

        RegistryKeys down = new RegistryKeys(URI.create("http://127.0.0.1:1/.well-known/jwks.json"), REFRESH, clock());
        assertThatThrownBy(() -> down.apply(token(first)).collectList().block(Duration.ofSeconds(10))).isNotNull();
    }

    private RegistryKeys keysAt(String path) {
        return new RegistryKeys(URI.create("http://127.0.0.1:" + registry.port() + path), REFRESH, clock());
    }

    private Clock clock() {
        return new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
    }

    private static List<String> keyIds(Flux<JWK> found) {
        return found.map(JWK::getKeyID).collectList().block(Duration.ofSeconds(10));
    }

    private static SignedJWT token(ECKey key) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
                    new JWTClaimsSet.Builder().subject("0xabc").build());
            jwt.sign(new ECDSASigner(key));
            return jwt;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ECKey key() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
