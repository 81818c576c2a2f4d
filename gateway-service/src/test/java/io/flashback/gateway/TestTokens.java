package io.flashback.gateway;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** ES256 tokens shaped like the registry's, signed with a key made for the test and published as a JWKS by the stand-in registry. */
final class TestTokens {

    static final String ISSUER = "flashback-test";
    static final ECKey KEY = generate();
    static final ECKey OTHER_KEY = generate();

    private TestTokens() {
    }

    static String jwks() {
        return new JWKSet(KEY.toPublicJWK()).toString();
    }

    static String token(String subject, List<String> roles) {
        return token(KEY, ISSUER, subject, roles, Instant.now(), Duration.ofMinutes(15));
    }

    static String token(ECKey key, String issuer, String subject, List<String> roles, Instant issuedAt, Duration ttl) {
        return token(key, issuer, subject, roles, issuedAt, ttl, Map.of());
    }

    /** A token with further claims, such as the session id {@code sid} or the API key id {@code api_key} the registry puts in. */
    static String token(String subject, List<String> roles, Map<String, String> claims) {
        return token(KEY, ISSUER, subject, roles, Instant.now(), Duration.ofMinutes(15), claims);
    }

    private static String token(ECKey key, String issuer, String subject, List<String> roles, Instant issuedAt, Duration ttl,
                                Map<String, String> claims) {
        try {
            JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().issuer(issuer).audience("flashback").subject(subject)
                    .issueTime(Date.from(issuedAt)).expirationTime(Date.from(issuedAt.plus(ttl)))
                    .claim("roles", roles).claim("scope", "read write admin");
            claims.forEach(builder::claim);
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
                    builder.build());
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String wallet() {
        return "0x" + UUID.randomUUID().toString().replace("-", "") + "00000000";
    }

    private static ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
