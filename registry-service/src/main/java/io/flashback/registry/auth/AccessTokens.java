package io.flashback.registry.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.flashback.security.FlashbackClaims;
import io.flashback.security.FlashbackSecurityProperties;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Short-lived ES256 access tokens (RFC 7519) for a wallet, a program (API key) or a bridge node. */
public class AccessTokens {

    public record Issued(String token, Instant expiresAt) {
    }

    private final SigningKeys keys;
    private final FlashbackSecurityProperties security;
    private final Duration ttl;
    private final Clock clock;

    AccessTokens(SigningKeys keys, FlashbackSecurityProperties security, Duration ttl, Clock clock) {
        this.keys = keys;
        this.security = security;
        this.ttl = ttl;
        this.clock = clock;
    }

    public Issued issue(String subject, Collection<String> roles, Collection<String> scopes, Map<String, String> accounts, String apiKeyId) {
        return issue(subject, roles, scopes, accounts, apiKeyId, Map.of());
    }

    /** As {@link #issue(String, Collection, Collection, Map, String)} with further claims (a node token's {@code node_key}). */
    public Issued issue(String subject, Collection<String> roles, Collection<String> scopes, Map<String, String> accounts, String apiKeyId,
                        Map<String, String> extraClaims) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(ttl);
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(security.issuer())
                .audience(security.audience())
                .subject(subject)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString())
                .claim(FlashbackClaims.ROLES, List.copyOf(roles))
                .claim(FlashbackClaims.SCOPE, String.join(" ", scopes));
        if (!accounts.isEmpty()) {
            claims.claim(FlashbackClaims.ACCOUNTS, accounts);
        }
        if (apiKeyId != null) {
            claims.claim(FlashbackClaims.API_KEY, apiKeyId);
        }
        extraClaims.forEach(claims::claim);
        ECKey key = keys.current();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
                claims.build());
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign an access token", e);
        }
        return new Issued(jwt.serialize(), expiresAt);
    }

    public Duration ttl() {
        return ttl;
    }
}
