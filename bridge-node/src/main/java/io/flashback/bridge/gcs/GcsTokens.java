package io.flashback.bridge.gcs;

import io.flashback.bridge.auth.SigV4;
import io.flashback.bridge.grants.Grant;
import io.flashback.bridge.grants.Grants;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * GCS clients authenticate with OAuth bearer tokens; this node has no OAuth server, so a grant's
 * bearer token is derived from its S3 credentials: {@code ACCESS_KEY.BASE64URL(HMAC-SHA256(secret,
 * "flashback-gcs-token:" + ACCESS_KEY))}. Whoever holds the secret can compute it
 * ({@code java -jar bridge-node.jar gcs-token ...}); the token never reveals the secret.
 */
public final class GcsTokens {
    private GcsTokens() {}

    public static String token(String accessKey, String secret) {
        byte[] mac = SigV4.hmac(secret.getBytes(StandardCharsets.UTF_8), "flashback-gcs-token:" + accessKey);
        return accessKey + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
    }

    public static Optional<Grant> verify(String bearer, Grants grants) {
        int dot = bearer.lastIndexOf('.');
        if (dot <= 0) return Optional.empty();
        return grants.byAccessKey(bearer.substring(0, dot)).filter(g -> MessageDigest.isEqual(
                token(g.accessKey(), g.secret()).getBytes(StandardCharsets.UTF_8), bearer.getBytes(StandardCharsets.UTF_8)));
    }
}
