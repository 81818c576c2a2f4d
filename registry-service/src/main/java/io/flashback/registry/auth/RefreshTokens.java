package io.flashback.registry.auth;

import io.flashback.registry.revocation.TokenRevocations;
import io.flashback.registry.Rejection;
import io.flashback.registry.identity.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Refresh tokens: opaque 32-byte secrets stored as SHA-256, single use. Each use returns a new one
 * of the same family; a token used twice means it was copied, so its whole family is revoked
 * (OAuth 2.0 Security BCP, refresh token rotation).
 */
@Component
class RefreshTokens {

    private static final Logger log = LoggerFactory.getLogger(RefreshTokens.class);

    record Issued(String token, Instant expiresAt) {
    }

    record Redeemed(String subject, UUID family) {
    }

    private final JdbcClient jdbc;
    private final TokenRevocations revocations;

    RefreshTokens(JdbcClient jdbc, TokenRevocations revocations) {
        this.jdbc = jdbc;
        this.revocations = revocations;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    Issued issue(String subject, UUID family, Instant now, Duration ttl) {
        String token = Secrets.token(32);
        Instant expiresAt = now.plus(ttl);
        jdbc.sql("insert into refresh_token (token_hash, family_id, subject, issued_at, expires_at) values (?, ?, ?, ?, ?)")
                .params(Secrets.sha256(token), family, subject, Timestamp.from(now), Timestamp.from(expiresAt)).update();
        return new Issued(token, expiresAt);
    }

    /**
     * Uses up {@code token}. Commits the revocation of a reused token's family even though the
     * caller is refused, which is why it runs in its own transaction.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW, noRollbackFor = Rejection.class)
    Redeemed redeem(String token, Instant now) {
        byte[] hash = Secrets.sha256(token);
        record Row(UUID family, String subject, Instant expiresAt, boolean used, boolean revoked) {
        }
        Row row = jdbc.sql("select family_id, subject, expires_at, used_at is not null, revoked_at is not null from refresh_token where token_hash = ? for update")
                .param(hash)
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getBoolean(4), rs.getBoolean(5)))
                .optional()
                .orElseThrow(() -> invalid("the refresh token is unknown"));
        if (row.revoked()) {
            throw invalid("the refresh token has been revoked; sign in again");
        }
        if (row.used()) {
            revokeFamily(row.family(), now);
            log.warn("refresh token of family {} used twice: the family is revoked", row.family());
            throw invalid("the refresh token was already used; every session it belongs to is now revoked, sign in again");
        }
        if (!row.expiresAt().isAfter(now)) {
            throw invalid("the refresh token has expired; sign in again");
        }
        jdbc.sql("update refresh_token set used_at = ? where token_hash = ?").params(Timestamp.from(now), hash).update();
        return new Redeemed(row.subject(), row.family());
    }

    @Transactional
    void revoke(String token, Instant now) {
        jdbc.sql("select family_id from refresh_token where token_hash = ?").param(Secrets.sha256(token)).query(UUID.class).optional()
                .ifPresent(family -> revokeFamily(family, now));
    }

    /** Revokes the session: its refresh tokens here, its access tokens (claim {@code sid}) through the revocation list. */
    private void revokeFamily(UUID family, Instant now) {
        jdbc.sql("update refresh_token set revoked_at = ? where family_id = ? and revoked_at is null").params(Timestamp.from(now), family).update();
        revocations.revokeSession(family.toString());
    }

    private static Rejection invalid(String detail) {
        return new Rejection(Rejection.Kind.UNAUTHENTICATED, "Invalid refresh token", detail);
    }
}
