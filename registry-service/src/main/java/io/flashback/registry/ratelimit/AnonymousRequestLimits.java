package io.flashback.registry.ratelimit;

import io.flashback.registry.RegistryProperties;
import io.flashback.registry.TooManyRequests;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Bounds the requests that create rows without a token (sign-in nonces, node announcements) per
 * client IP (see {@link ClientAddress}) and fixed window (#13 L8). The count lives in PostgreSQL and
 * is raised with one atomic upsert, so every registry instance draws on the same allowance: N
 * instances do not multiply it, as an in-memory bucket per instance did. It is counted before the
 * request is handled and in its own statement, so requests that fail later count too.
 */
@Component
public class AnonymousRequestLimits {

    /** What is counted, each with its own allowance. */
    public enum Action {
        NONCE("sign-in nonces"), ANNOUNCEMENT("node announcements");

        private final String description;

        Action(String description) {
            this.description = description;
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final RegistryProperties.AnonymousLimits limits;

    AnonymousRequestLimits(JdbcClient jdbc, Clock clock, RegistryProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.limits = properties.anonymousLimits();
    }

    /** Counts one request of {@code action} from {@code client}; throws {@link TooManyRequests} past its allowance. */
    public void admit(Action action, String client) {
        Instant now = clock.instant();
        long windowMillis = limits.window().toMillis();
        Instant windowStart = Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), windowMillis) * windowMillis);
        int requests = jdbc.sql("""
                        insert into anonymous_request_count (action, client, window_start, requests) values (?, ?, ?, 1)
                        on conflict (action, client, window_start) do update set requests = anonymous_request_count.requests + 1
                        returning requests""")
                .params(action.name(), client, Timestamp.from(windowStart)).query(Integer.class).single();
        if (requests == 1) {
            // the first request of a new window: earlier windows no longer matter to anyone
            jdbc.sql("delete from anonymous_request_count where window_start < ?").param(Timestamp.from(windowStart)).update();
        }
        int allowed = switch (action) {
            case NONCE -> limits.noncesPerClient();
            case ANNOUNCEMENT -> limits.announcementsPerClient();
        };
        if (requests > allowed) {
            Duration retryAfter = Duration.between(now, windowStart.plusMillis(windowMillis));
            throw new TooManyRequests("a client (" + client + ") may ask for " + allowed + " " + action.description + " per "
                    + describe(limits.window()) + "; retry in " + TooManyRequests.wholeSeconds(retryAfter) + " s", retryAfter);
        }
    }

    private static String describe(Duration window) {
        return window.toMillis() % 1000 == 0 ? window.toSeconds() + " s" : window.toMillis() + " ms";
    }
}
