package io.flashback.registry.apikey;

import io.flashback.registry.Rejection;
import io.flashback.registry.identity.Secrets;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a presented API key ({@code fbk_<id>.<secret>}): the public id finds the row, the secret's
 * SHA-256 must match in constant time, and the key must not be revoked.
 */
@Component
public class ApiKeyVerifier {

    static final Pattern FORMAT = Pattern.compile("(fbk_[A-Za-z0-9]{16})\\.([A-Za-z0-9_-]{43})");

    public record VerifiedKey(String id, String owner, List<String> scopes) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    ApiKeyVerifier(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional
    public VerifiedKey verify(String presented) {
        Matcher parts = FORMAT.matcher(presented == null ? "" : presented.strip());
        if (!parts.matches()) {
            throw invalid("an API key looks like fbk_<16 characters>.<43 characters>");
        }
        record Row(String owner, byte[] hash, String scopes, boolean revoked) {
        }
        Row row = jdbc.sql("select owner_wallet, secret_hash, scopes, revoked_at is not null from api_key where id = ?")
                .param(parts.group(1))
                .query((rs, n) -> new Row(rs.getString(1), rs.getBytes(2), rs.getString(3), rs.getBoolean(4)))
                .optional().orElse(null);
        if (row == null || !Secrets.matches(parts.group(2), row.hash())) {
            throw invalid("the API key is not valid");
        }
        if (row.revoked()) {
            throw invalid("the API key has been revoked");
        }
        jdbc.sql("update api_key set last_used_at = ? where id = ?").params(Timestamp.from(clock.instant()), parts.group(1)).update();
        return new VerifiedKey(parts.group(1), row.owner(), Arrays.asList(row.scopes().split(" ")));
    }

    private static Rejection invalid(String detail) {
        return new Rejection(Rejection.Kind.UNAUTHENTICATED, "Invalid API key", detail);
    }
}
