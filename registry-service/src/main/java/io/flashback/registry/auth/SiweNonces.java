package io.flashback.registry.auth;

import io.flashback.registry.identity.Secrets;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/** Sign-in nonces in PostgreSQL: issued with an expiry, consumed at most once, by any instance. */
@Component
class SiweNonces {

    record Issued(String nonce, Instant expiresAt) {
    }

    private final JdbcClient jdbc;

    SiweNonces(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    Issued issue(Instant now, Duration ttl) {
        String nonce = Secrets.alphanumeric(24);
        Instant expiresAt = now.plus(ttl);
        jdbc.sql("insert into siwe_nonce (nonce, issued_at, expires_at) values (?, ?, ?)")
                .params(nonce, Timestamp.from(now), Timestamp.from(expiresAt)).update();
        jdbc.sql("delete from siwe_nonce where expires_at < ?").param(Timestamp.from(now.minus(Duration.ofHours(1)))).update();
        return new Issued(nonce, expiresAt);
    }

    /** True exactly once for a nonce this registry issued that has not expired. */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean consume(String nonce, Instant now) {
        return jdbc.sql("update siwe_nonce set used_at = ? where nonce = ? and used_at is null and expires_at > ?")
                .params(Timestamp.from(now), nonce, Timestamp.from(now)).update() == 1;
    }
}
