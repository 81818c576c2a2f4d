package io.flashback.bridge.gcs;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import io.flashback.bridge.auth.SigV4;
import io.flashback.bridge.grants.Grant;
import io.flashback.bridge.grants.Grants;
import io.flashback.bridge.s3.S3ErrorCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;

/**
 * GCS clients authenticate with OAuth bearer tokens; this node has no OAuth server, so a grant's
 * bearer token is derived from its S3 credentials and carries its own expiry:
 * {@code ACCESS_KEY.EXPIRES.BASE64URL(HMAC-SHA256(secret, "flashback-gcs-token:" + ACCESS_KEY + ":" + EXPIRES))},
 * EXPIRES in Unix seconds. Whoever holds the secret can mint one ({@code java -jar bridge-node.jar
 * gcs-token ...}, or {@link #credentials} for Java clients, which mint the next before the last
 * expires); the token never reveals the secret. The node refuses a token past its expiry, or one
 * that claims to live longer than the node allows, with GCS's 401 (issue #13, L5: a leaked token
 * used to work for as long as the grant did).
 */
public final class GcsTokens {
    /** How long a token may live unless the node is configured otherwise. */
    public static final Duration DEFAULT_TTL = Duration.ofHours(1);
    /** Clocks of the minting client and the node may differ this much. */
    static final Duration SKEW = Duration.ofMinutes(5);

    private GcsTokens() {}

    /** A token valid until {@code expires} (whole seconds). */
    public static String token(String accessKey, String secret, Instant expires) {
        long at = expires.getEpochSecond();
        byte[] mac = SigV4.hmac(secret.getBytes(StandardCharsets.UTF_8), "flashback-gcs-token:" + accessKey + ":" + at);
        return accessKey + "." + at + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
    }

    /**
     * Credentials for the official Java client: each refresh mints a token that lives {@code ttl},
     * and the client refreshes before the current one expires (and on a 401).
     */
    public static GoogleCredentials credentials(String accessKey, String secret, Clock clock, Duration ttl) {
        return new MintedCredentials(accessKey, secret, clock, ttl);
    }

    private static final class MintedCredentials extends GoogleCredentials {
        private final String accessKey;
        private final String secret;
        private final transient Clock clock;
        private final Duration ttl;

        MintedCredentials(String accessKey, String secret, Clock clock, Duration ttl) {
            this.accessKey = accessKey;
            this.secret = secret;
            this.clock = clock;
            this.ttl = ttl;
        }

        @Override
        public AccessToken refreshAccessToken() {
            Instant expires = clock.instant().plus(ttl);
            return new AccessToken(token(accessKey, secret, expires), Date.from(expires));
        }
    }

    /**
     * The grant a bearer token stands for; empty when it names no grant or its MAC is wrong.
     * Throws the 401 error when the token is well formed but expired or lives longer than {@code maxTtl}.
     */
    public static Optional<Grant> verify(String bearer, Grants grants, Instant now, Duration maxTtl) {
        int macDot = bearer.lastIndexOf('.');
        int expiryDot = macDot <= 0 ? -1 : bearer.lastIndexOf('.', macDot - 1);
        if (expiryDot <= 0) return Optional.empty();
        String accessKey = bearer.substring(0, expiryDot);
        long expires;
        try {
            expires = Long.parseLong(bearer.substring(expiryDot + 1, macDot));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        Optional<Grant> grant = grants.byAccessKey(accessKey).filter(g -> MessageDigest.isEqual(
                token(g.accessKey(), g.secret(), Instant.ofEpochSecond(expires)).getBytes(StandardCharsets.UTF_8),
                bearer.getBytes(StandardCharsets.UTF_8)));
        if (grant.isEmpty()) return grant;
        Instant expiry = Instant.ofEpochSecond(expires);
        if (!now.isBefore(expiry)) {
            throw S3ErrorCode.INVALID_ACCESS_KEY_ID.exception("The bearer token expired at " + expiry
                    + "; mint a new one (java -jar bridge-node.jar gcs-token).");
        }
        if (expiry.isAfter(now.plus(maxTtl).plus(SKEW))) {
            throw S3ErrorCode.INVALID_ACCESS_KEY_ID.exception("The bearer token claims to be valid until " + expiry
                    + ", longer than this node accepts (" + maxTtl.toSeconds() + " s); mint one that expires sooner.");
        }
        return grant;
    }
}
