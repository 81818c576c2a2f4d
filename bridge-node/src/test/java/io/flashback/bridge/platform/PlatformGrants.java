package io.flashback.bridge.platform;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The registry's token endpoint and the orchestrator's grant sync as {@link PlatformStub} routes answer them
 * (orchestrator-service/README.md): NODE tokens for a claimed node, and the node's grant changes after a version —
 * every issue and revocation a new version, revoked keys as tombstones, secrets encrypted to the node key.
 */
final class PlatformGrants {
    static final String TOKEN_PATH = "/api/registry/nodes/[^/]+/token";
    static final String GRANTS_PATH = "/api/orchestrator/nodes/[^/]+/grants";
    static final String TEST_GRANTS_PATH = "/api/registry/nodes/[^/]+/test-grants";
    static final String CANARY_GRANTS_PATH = "/api/monitor/nodes/[^/]+/canary-grants";

    private final Map<String, ObjectNode> latestByKey = new LinkedHashMap<>();
    private final Map<String, ObjectNode> testGrants = new LinkedHashMap<>();
    private final Map<String, ObjectNode> canaryGrants = new LinkedHashMap<>();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private long version;
    private volatile boolean down;
    private volatile boolean claimed = true;

    /** Routes {@code stub}'s token and grant paths here. */
    PlatformGrants on(PlatformStub stub) {
        stub.route(TOKEN_PATH, this::token).route(GRANTS_PATH, this::grants).route(TEST_GRANTS_PATH, request -> listed(request, testGrants))
                .route(CANARY_GRANTS_PATH, request -> listed(request, canaryGrants));
        return this;
    }

    /** Issues a grant whose secret is encrypted to {@code encryptTo} (the node's public key, or another). */
    synchronized String issue(String accessKey, String secret, String owner, long quotaBytes, Instant validUntil, String encryptTo) {
        String bucket = "fb-" + UUID.randomUUID();
        ObjectNode change = PlatformClient.JSON.createObjectNode().put("accessKeyId", accessKey).put("version", ++version).put("revoked", false)
                .put("agreementId", UUID.randomUUID().toString()).put("owner", owner).put("bucket", bucket).put("quotaBytes", quotaBytes)
                .put("access", "READ_WRITE").put("validUntil", validUntil.toString())
                .put("encryptedSecret", PlatformGrantSecrets.encrypt(encryptTo, accessKey, secret));
        latestByKey.put(accessKey, change);
        return bucket;
    }

    /** A certification run's test key, listed by the registry until {@link #endTestGrant}; returns its bucket. */
    synchronized String testGrant(String accessKey, String secret, Instant validUntil, String encryptTo) {
        String bucket = "fb-cert-" + UUID.randomUUID();
        testGrants.put(accessKey, PlatformClient.JSON.createObjectNode().put("accessKeyId", accessKey).put("owner", "flashback-certification")
                .put("bucket", bucket).put("quotaBytes", 16 << 20).put("access", "READ_WRITE").put("validUntil", validUntil.toString())
                .put("encryptedSecret", PlatformGrantSecrets.encrypt(encryptTo, accessKey, secret)).put("certificationRun", UUID.randomUUID().toString()));
        return bucket;
    }

    synchronized void endTestGrant(String accessKey) {
        testGrants.remove(accessKey);
    }

    /** The monitor's canary key (no end of its own), listed until {@link #withdrawCanaryKey}. */
    synchronized void canaryKey(String accessKey, String secret, String encryptTo) {
        canaryGrants.put(accessKey, PlatformClient.JSON.createObjectNode().put("accessKeyId", accessKey).put("owner", "flashback-monitor")
                .put("bucket", "flashback-canary").put("quotaBytes", 4 << 20).put("access", "READ_WRITE")
                .put("encryptedSecret", PlatformGrantSecrets.encrypt(encryptTo, accessKey, secret)));
    }

    synchronized void withdrawCanaryKey(String accessKey) {
        canaryGrants.remove(accessKey);
    }

    synchronized void revoke(String accessKey) {
        latestByKey.put(accessKey, PlatformClient.JSON.createObjectNode().put("accessKeyId", accessKey).put("version", ++version).put("revoked", true));
    }

    synchronized long version() {
        return version;
    }

    /** While down, the gateway answers 503 to everything. */
    void down(boolean down) {
        this.down = down;
    }

    void claimed(boolean claimed) {
        this.claimed = claimed;
    }

    private PlatformStub.Answer token(PlatformStub.Request request) {
        if (down) return new PlatformStub.Answer(503, "{\"title\":\"Service Unavailable\"}");
        if (!claimed) {
            return new PlatformStub.Answer(403, "{\"title\":\"Node not claimed\",\"detail\":\"node gets tokens once a provider has claimed it\"}");
        }
        return new PlatformStub.Answer(200, "{\"accessToken\":\"node-token-" + tokensIssued.incrementAndGet() + "\",\"tokenType\":\"Bearer\","
                + "\"expiresIn\":900}");
    }

    private synchronized PlatformStub.Answer listed(PlatformStub.Request request, Map<String, ObjectNode> listed) {
        if (down) return new PlatformStub.Answer(503, "{\"title\":\"Service Unavailable\"}");
        if (request.authorization() == null || !request.authorization().startsWith("Bearer node-token-")) {
            return new PlatformStub.Answer(401, "{\"title\":\"Unauthorized\"}");
        }
        ArrayNode grants = PlatformClient.JSON.createArrayNode();
        listed.values().forEach(grants::add);
        ObjectNode answer = PlatformClient.JSON.createObjectNode().put("nodeId", request.path().split("/")[4]);
        answer.set("grants", grants);
        return new PlatformStub.Answer(200, answer.toString());
    }

    private synchronized PlatformStub.Answer grants(PlatformStub.Request request) {
        if (down) return new PlatformStub.Answer(503, "{\"title\":\"Service Unavailable\"}");
        if (request.authorization() == null || !request.authorization().startsWith("Bearer node-token-")) {
            return new PlatformStub.Answer(401, "{\"title\":\"Unauthorized\"}");
        }
        long since = Long.parseLong(request.query().replaceAll(".*since=(\\d+).*", "$1"));
        List<ObjectNode> changed = latestByKey.values().stream().filter(change -> change.path("version").asLong() > since)
                .sorted(Comparator.comparingLong(change -> change.path("version").asLong())).toList();
        ArrayNode grants = PlatformClient.JSON.createArrayNode();
        changed.forEach(grants::add);
        ObjectNode answer = PlatformClient.JSON.createObjectNode().put("nodeId", request.path().split("/")[4])
                .put("version", changed.isEmpty() ? Math.min(since, version) : changed.getLast().path("version").asLong()).put("more", false);
        answer.set("grants", grants);
        return new PlatformStub.Answer(200, answer.toString());
    }
}
