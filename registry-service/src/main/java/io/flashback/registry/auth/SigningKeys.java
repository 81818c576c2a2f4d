package io.flashback.registry.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.flashback.registry.RegistryProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The ES256 keys that sign access tokens, kept in PostgreSQL (private halves encrypted, see
 * {@link KeyEncryption}) so every instance signs with the same current key. A key older than the
 * rotation period is replaced; the replaced key stays published in the JWKS until the last token
 * it signed has expired, so rotation never invalidates a token early.
 */
class SigningKeys implements JWKSource<SecurityContext> {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    /** Serialises rotation across instances (pg_advisory_xact_lock key). */
    private static final long ROTATION_LOCK = 0x666c617368L;
    private static final Duration CACHE = Duration.ofSeconds(10);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final KeyEncryption encryption;
    private final Duration rotation;
    private final Duration publishAfterRetirement;
    private final Clock clock;
    private volatile Cached cached = new Cached(null, new JWKSet(), Instant.MIN);

    private record Cached(ECKey current, JWKSet published, Instant loadedAt) {
    }

    SigningKeys(JdbcClient jdbc, TransactionTemplate transactions, KeyEncryption encryption, RegistryProperties.Tokens tokens,
                Duration clockSkew, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.encryption = encryption;
        this.rotation = tokens.keyRotation();
        this.publishAfterRetirement = tokens.accessTokenTtl().plus(clockSkew);
        this.clock = clock;
    }

    /** The key new tokens are signed with, creating the first one (or the next one when due). */
    ECKey current() {
        Cached snapshot = cached;
        Instant now = clock.instant();
        if (snapshot.current() == null || snapshot.loadedAt().plus(CACHE).isBefore(now) || isDue(snapshot.current(), now)) {
            rotateIfDue();
            snapshot = reload();
        }
        return snapshot.current();
    }

    /** The public keys tokens may be verified with: the current one and retired ones still in use. */
    JWKSet published() {
        Cached snapshot = cached;
        if (snapshot.loadedAt().plus(CACHE).isBefore(clock.instant())) {
            snapshot = reload();
        }
        return snapshot.published();
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        List<JWK> found = selector.select(published());
        // a key made by another instance moments ago is not in the cache yet
        return found.isEmpty() ? selector.select(reload().published()) : found;
    }

    /** Replaces the current key when it is older than the rotation period (or when there is none). */
    void rotateIfDue() {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("select pg_advisory_xact_lock(?)").param(ROTATION_LOCK).query().singleRow();
            Instant now = clock.instant();
            Instant newest = jdbc.sql("select max(created_at) from signing_key where retired_at is null")
                    .query(Timestamp.class).optional().map(Timestamp::toInstant).orElse(null);
            if (newest == null || !newest.plus(rotation).isAfter(now)) {
                replaceCurrentKey(now);
            }
        });
    }

    /** Replaces the current key now, whatever its age (an operator's decision, e.g. after a suspected leak). */
    String rotateNow() {
        String kid = transactions.execute(status -> {
            jdbc.sql("select pg_advisory_xact_lock(?)").param(ROTATION_LOCK).query().singleRow();
            return replaceCurrentKey(clock.instant());
        });
        reload();
        return kid;
    }

    private String replaceCurrentKey(Instant now) {
        ECKey key;
        try {
            key = new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).algorithm(JWSAlgorithm.ES256)
                    .keyUse(KeyUse.SIGNATURE).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a P-256 key", e);
        }
        jdbc.sql("update signing_key set retired_at = :now, publish_until = :until where retired_at is null")
                .param("now", Timestamp.from(now)).param("until", Timestamp.from(now.plus(publishAfterRetirement))).update();
        jdbc.sql("insert into signing_key (kid, encrypted_private_jwk, public_jwk, created_at) values (:kid, :sealed, :public, :now)")
                .param("kid", key.getKeyID())
                .param("sealed", encryption.encrypt(key.toJSONString().getBytes(StandardCharsets.UTF_8), key.getKeyID()))
                .param("public", key.toPublicJWK().toJSONString())
                .param("now", Timestamp.from(now))
                .update();
        log.info("new token signing key {} in use; the previous one stays published for {}", key.getKeyID(), publishAfterRetirement);
        return key.getKeyID();
    }

    private boolean isDue(ECKey key, Instant now) {
        return key.getIssueTime() != null && !key.getIssueTime().toInstant().plus(rotation).isAfter(now);
    }

    private Cached reload() {
        Instant now = clock.instant();
        record Row(String kid, byte[] sealed, String publicJwk, Instant createdAt, Instant retiredAt) {
        }
        List<Row> rows = jdbc.sql("""
                        select kid, encrypted_private_jwk, public_jwk, created_at, retired_at from signing_key
                        where retired_at is null or publish_until > :now order by created_at desc""")
                .param("now", Timestamp.from(now))
                .query((rs, n) -> new Row(rs.getString(1), rs.getBytes(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
                        rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant()))
                .list();
        ECKey current = null;
        List<JWK> published = new java.util.ArrayList<>();
        try {
            for (Row row : rows) {
                published.add(JWK.parse(row.publicJwk()));
                if (current == null && row.retiredAt() == null) {
                    ECKey full = ECKey.parse(new String(encryption.decrypt(row.sealed(), row.kid()), StandardCharsets.UTF_8));
                    current = new ECKey.Builder(full).issueTime(java.util.Date.from(row.createdAt())).build();
                }
            }
        } catch (ParseException e) {
            throw new IllegalStateException("a stored signing key is not a JWK", e);
        }
        Cached fresh = new Cached(current, new JWKSet(published), now);
        cached = fresh;
        return fresh;
    }

    @Override
    public String toString() {
        return "SigningKeys[ES256, rotation=" + rotation + "]";
    }
}
