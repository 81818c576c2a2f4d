package io.flashback.registry.revocation;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Sessions signed out and API keys revoked whose access tokens may still be unexpired. Access
 * tokens are self-contained (checked against the JWKS alone), so revoking what issued them would
 * otherwise take effect only at their expiry; the gateway fetches this list every few seconds and
 * refuses a token naming a listed session ({@code sid}) or key ({@code api_key}) (#13 L3). An entry
 * is kept for one access-token lifetime after the revocation, then dropped.
 */
public class TokenRevocations {

    /** The revocations still in force: session ids and API key ids. */
    public record Current(List<String> sessions, List<String> apiKeys, Instant asOf) {
    }

    private static final String SESSION = "session";
    private static final String API_KEY = "api-key";

    private final JdbcClient jdbc;
    private final Duration accessTokenTtl;
    private final Duration clockSkew;
    private final Clock clock;

    public TokenRevocations(JdbcClient jdbc, Duration accessTokenTtl, Duration clockSkew, Clock clock) {
        this.jdbc = jdbc;
        this.accessTokenTtl = accessTokenTtl;
        this.clockSkew = clockSkew;
        this.clock = clock;
    }

    public void revokeSession(String sessionId) {
        revoke(SESSION, sessionId);
    }

    public void revokeApiKey(String keyId) {
        revoke(API_KEY, keyId);
    }

    private void revoke(String kind, String id) {
        Instant now = clock.instant();
        // the last token issued before now expires at now + ttl, accepted for the validators' clock skew after that
        Instant until = now.plus(accessTokenTtl).plus(clockSkew);
        jdbc.sql("insert into token_revocation (kind, id, revoked_at, expires_at) values (?, ?, ?, ?) "
                        + "on conflict (kind, id) do update set expires_at = greatest(token_revocation.expires_at, excluded.expires_at)")
                .params(kind, id, Timestamp.from(now), Timestamp.from(until)).update();
    }

    public Current current() {
        Instant now = clock.instant();
        List<String[]> rows = jdbc.sql("select kind, id from token_revocation where expires_at > ? order by revoked_at")
                .param(Timestamp.from(now)).query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).list();
        return new Current(rows.stream().filter(row -> row[0].equals(SESSION)).map(row -> row[1]).toList(),
                rows.stream().filter(row -> row[0].equals(API_KEY)).map(row -> row[1]).toList(), now);
    }

    /** Drops entries whose tokens have all expired. */
    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT10M")
    void dropExpired() {
        jdbc.sql("delete from token_revocation where expires_at <= ?").param(Timestamp.from(clock.instant())).update();
    }
}
