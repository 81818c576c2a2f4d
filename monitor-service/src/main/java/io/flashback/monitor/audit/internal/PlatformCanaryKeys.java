package io.flashback.monitor.audit.internal;

import io.flashback.monitor.MonitorProperties;
import io.flashback.monitor.audit.CanaryAccess;
import io.flashback.monitor.audit.CanaryCredentials;
import io.flashback.monitor.audit.S3Credentials;
import io.flashback.security.ConfiguredSecret;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The platform's canary key on every node, so audits need no credentials configured by hand: the access key id and
 * secret are HMAC-SHA256 of the node id under the monitor's canary key secret (nothing to store, the same on every
 * monitor instance, all changed at once by a new secret). A node fetches its key with its grant sync
 * ({@code GET /nodes/{id}/canary-grants}, NODE token, the secret encrypted to its node key) and the fetch is recorded:
 * only nodes that took their key are audited with it. Credentials configured for a node win.
 */
final class PlatformCanaryKeys implements CanaryCredentials {

    static final String OWNER = "flashback-monitor";
    private static final String HMAC = "HmacSHA256";
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private final CanaryCredentials configured;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final String bucket;
    private final long quotaBytes;
    private final SecretKeySpec secret;

    PlatformCanaryKeys(CanaryCredentials configured, JdbcTemplate jdbc, Clock clock, MonitorProperties.Audit audit) {
        this.configured = configured;
        this.jdbc = jdbc;
        this.clock = clock;
        this.bucket = audit.bucket();
        // the canary, the throughput object and room for an interrupted upload of each
        this.quotaBytes = 2 * (audit.canaryBytes() + audit.throughputBytes());
        this.secret = audit.platformCanaryKeys()
                ? new SecretKeySpec(ConfiguredSecret.read(audit.canaryKeySecret(), audit.canaryKeySecretFile(), audit.createCanaryKeySecretFile(),
                "flashback.monitor.audit.canary-key-secret"), HMAC)
                : null;
    }

    /** A node's canary key as the node must honour it. */
    record CanaryKey(String accessKeyId, String secretAccessKey, String bucket, long quotaBytes) {

        @Override
        public String toString() {
            return "CanaryKey[" + accessKeyId + ", bucket " + bucket + "]";
        }
    }

    /** The node's key, recording that the node fetched it; empty when the platform's canary keys are off. */
    Optional<CanaryKey> fetchedBy(UUID nodeId) {
        Optional<CanaryKey> key = keyOf(nodeId);
        key.ifPresent(canary -> jdbc.update("""
                insert into canary_key_delivery (node_id, access_key_id, first_fetched, last_fetched) values (?, ?, ?, ?)
                on conflict (node_id) do update set access_key_id = excluded.access_key_id, last_fetched = excluded.last_fetched""",
                nodeId, canary.accessKeyId(), Timestamp.from(clock.instant()), Timestamp.from(clock.instant())));
        return key;
    }

    @Override
    public Optional<CanaryAccess> forNode(UUID nodeId) {
        return configured.forNode(nodeId).or(() -> keyOf(nodeId).filter(key -> delivered(nodeId, key.accessKeyId()))
                .map(key -> new CanaryAccess(new S3Credentials(key.accessKeyId(), key.secretAccessKey()), key.bucket())));
    }

    private boolean delivered(UUID nodeId, String accessKeyId) {
        return Boolean.TRUE.equals(jdbc.query("select access_key_id = ? from canary_key_delivery where node_id = ?",
                rs -> rs.next() ? rs.getBoolean(1) : false, accessKeyId, nodeId));
    }

    private Optional<CanaryKey> keyOf(UUID nodeId) {
        if (secret == null) {
            return Optional.empty();
        }
        byte[] id = hmac("flashback canary access key v1:" + nodeId);
        byte[] key = hmac("flashback canary secret v1:" + nodeId);
        return Optional.of(new CanaryKey("FBM" + base32(id).substring(0, 17), Base64.getUrlEncoder().withoutPadding().encodeToString(key)
                .substring(0, 40), bucket, quotaBytes));
    }

    private byte[] hmac(String message) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(secret);
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static String base32(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        return out.toString().toUpperCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "PlatformCanaryKeys[" + (secret == null ? "off" : "on") + ", then " + configured + "]";
    }
}
