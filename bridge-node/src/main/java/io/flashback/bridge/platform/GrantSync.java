package io.flashback.bridge.platform;

import io.flashback.bridge.grants.Access;
import io.flashback.bridge.grants.Grant;
import io.flashback.bridge.grants.GrantLayers;
import io.flashback.bridge.s3.BucketNames;
import io.flashback.bridge.storage.BucketInfo;
import io.flashback.bridge.storage.ObjectStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Issue #6: the grants the platform issued for this node's agreements, applied without a restart. Every interval the
 * node asks the orchestrator through the gateway for its grant changes after the last version it applied
 * ({@code GET /api/orchestrator/nodes/{id}/grants?since=v}, NODE token from {@link NodeTokens}), decrypts each secret
 * with its node key ({@link GrantSecrets}, docs/adr/0005), and swaps the platform layer of {@link GrantLayers}: a new
 * grant works from that moment (its bucket made if missing, owned by the grant's owner), a revoked key is refused from
 * that moment. A grant whose secret does not decrypt is skipped and logged; one past its {@code validUntil} is dropped
 * even while the platform is away.
 * <p>
 * Each sync also asks for the keys the platform's services hold on the node themselves: the registry's test key of a
 * certification run checking the node now ({@code GET /api/registry/nodes/{id}/test-grants}: one bucket, a small
 * quota, until the run's deadline) and the monitor's canary key for audits ({@code GET /api/monitor/nodes/{id}/canary-grants}).
 * Each source's keys are replaced as a whole every sync and honoured beside the agreements' grants; a service that
 * cannot be asked leaves the keys it gave until their end, and does not fail the agreements' sync.
 * <p>
 * While the platform cannot be reached (or the node is not claimed yet) the node keeps the grants it has, logs once
 * per outage and tries again with a growing delay (up to four intervals). Secrets live in memory only: after a
 * restart the node syncs from version 0. {@code flashback_bridge_grant_sync_last_success_seconds} tells when the last
 * sync succeeded.
 */
public final class GrantSync implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GrantSync.class);
    /** Pages one sync reads at most (the orchestrator answers up to 500 changes a page). */
    private static final int MAX_PAGES = 100;
    private static final int MAX_BACKOFF_INTERVALS = 4;

    /** Where synced grants go: the node's grant layers, its store (for the grants' buckets), its meters. */
    public record Target(GrantLayers grants, ObjectStore store, MeterRegistry metrics) {}

    private record PlatformGrant(Grant grant, Instant validUntil) {}

    private final PlatformClient client;
    private final NodeKey key;
    private final UUID nodeId;
    private final NodeTokens tokens;
    private final Target target;
    private final Clock clock;
    private final Duration interval;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "bridge-node-grant-sync");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Meter> meters = new ArrayList<>();
    private final Counter failedSyncs;

    private final Map<String, PlatformGrant> grants = new LinkedHashMap<>();
    /** Keys the platform's services hold on this node themselves, each source's replaced as a whole every sync. */
    private final List<KeySource> keySources;
    private final Map<String, String> bucketsToMake = new LinkedHashMap<>();
    private volatile long version;
    private volatile int inForce;
    private volatile Instant lastSuccess;
    private int failures;
    private String problem;

    public GrantSync(PlatformClient client, NodeKey key, UUID nodeId, Target target, Clock clock, Duration interval) {
        if (interval.toMillis() < 100) throw new IllegalArgumentException("grant sync interval must be at least 100 ms");
        this.client = client;
        this.key = key;
        this.nodeId = nodeId;
        this.tokens = new NodeTokens(client, key, nodeId, clock);
        this.target = target;
        this.clock = clock;
        this.interval = interval;
        this.keySources = List.of(new KeySource("test grant of a certification run", PlatformClient::testGrants),
                new KeySource("the monitor's canary key", PlatformClient::canaryGrants));
        MeterRegistry metrics = target.metrics();
        meters.add(Gauge.builder("flashback.bridge.grant.sync.last.success", this,
                        sync -> sync.lastSuccess == null ? Double.NaN : sync.lastSuccess.toEpochMilli() / 1000.0)
                .baseUnit("seconds").description("When the last grant sync with the platform succeeded (Unix time)").register(metrics));
        meters.add(Gauge.builder("flashback.bridge.grant.sync.version", this, sync -> sync.version)
                .description("The platform's grant version this node has applied").register(metrics));
        meters.add(Gauge.builder("flashback.bridge.platform.grants", this, sync -> sync.inForce)
                .description("Grants from the platform in force on this node").register(metrics));
        failedSyncs = Counter.builder("flashback.bridge.grant.sync.failures").description("Grant syncs that did not reach or were refused by the platform")
                .register(metrics);
        meters.add(failedSyncs);
    }

    /** Syncs now and then every interval (longer while the platform is away) on a thread of its own, until closed. */
    public GrantSync start() {
        log.info("grant sync for node {} every {} s", nodeId, interval.toMillis() / 1000.0);
        scheduler.execute(this::round);
        return this;
    }

    /** One sync: every change since the last applied version; true when the platform answered. */
    public synchronized boolean syncOnce() {
        try {
            pull();
            lastSuccess = clock.instant();
            if (problem != null) {
                log.info("grant sync works again after {} failed attempts: version {}, {} platform grants", failures, version, grants.size());
            }
            problem = null;
            failures = 0;
            return true;
        } catch (PlatformException e) {
            failedSyncs.increment();
            failures++;
            report(e);
            return false;
        } finally {
            // a node nobody has claimed gets no token: asking the services for their keys would only be refused too
            if (!"not claimed".equals(problem)) pullServiceKeys();
            apply();
        }
    }

    /** When the last sync succeeded; empty before the first. */
    public Optional<Instant> lastSuccess() {
        return Optional.ofNullable(lastSuccess);
    }

    /** The platform's grant version this node has applied. */
    public long version() {
        return version;
    }

    private void round() {
        boolean synced;
        try {
            synced = syncOnce();
        } catch (RuntimeException e) {
            // a scheduled task that throws is never run again: one bad answer must not end the sync
            log.warn("grant sync failed: {}", e.toString());
            synced = false;
        }
        long delay = synced ? interval.toMillis() : interval.toMillis() * Math.min(1L << Math.min(failures - 1, 30), MAX_BACKOFF_INTERVALS);
        try {
            scheduler.schedule(this::round, Math.max(delay, interval.toMillis()), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            // closed while syncing
        }
    }

    private void pull() {
        for (int page = 0; page < MAX_PAGES; page++) {
            JsonNode answer = fetch(version);
            long answered = answer.path("version").asLong(version);
            if (answered < version) {
                // the platform's versions end below ours (its database was restored): start over from 0
                log.warn("the platform's grant versions end at {}, below the {} this node applied; syncing every grant again", answered, version);
                grants.clear();
                version = 0;
                continue;
            }
            for (JsonNode change : answer.path("grants")) change(change);
            version = answered;
            if (!answer.path("more").asBoolean(false)) return;
        }
    }

    /** The changes after {@code since}; a token the platform no longer takes is replaced once. */
    private JsonNode fetch(long since) {
        try {
            return client.grants(nodeId, since, tokens.current());
        } catch (PlatformException e) {
            if (e.status() != 401) throw e;
            tokens.invalidate();
            return client.grants(nodeId, since, tokens.current());
        }
    }

    private void change(JsonNode change) {
        String accessKey = change.path("accessKeyId").asString("");
        if (accessKey.isBlank()) {
            log.warn("a grant change without an access key id is ignored: version {}", change.path("version").asLong());
            return;
        }
        if (change.path("revoked").asBoolean(false)) {
            if (grants.remove(accessKey) != null) log.info("grant {} revoked by the platform: its key is refused from now on", accessKey);
            return;
        }
        Optional<PlatformGrant> grant = read(change, accessKey, "agreement " + change.path("agreementId").asString(""));
        if (grant.isEmpty()) {
            grants.remove(accessKey);
            return;
        }
        bucketsToMake.put(grant.get().grant().buckets().getFirst(), grant.get().grant().owner());
        if (grants.put(accessKey, grant.get()) == null) {
            log.info("grant {} from the platform: agreement {}, bucket {}, quota {} bytes, until {}", accessKey, grant.get().grant().agreementId(),
                    grant.get().grant().buckets().getFirst(), grant.get().grant().quotaBytes(), grant.get().validUntil());
        }
    }

    /** One grant as the platform sends it, its secret opened with the node key; empty (and logged) when it cannot be used. */
    private Optional<PlatformGrant> read(JsonNode entry, String accessKey, String purpose) {
        try {
            String bucket = entry.path("bucket").asString("");
            if (!BucketNames.valid(bucket)) throw new IllegalArgumentException("'" + bucket + "' is not a valid bucket name");
            String access = entry.path("access").asString(Access.READ_WRITE.name());
            Grant grant = new Grant(accessKey, key.decryptGrantSecret(accessKey, entry.path("encryptedSecret").asString("")),
                    entry.path("owner").asString(null), List.of(bucket), entry.path("quotaBytes").asLong(0), Access.valueOf(access),
                    entry.path("agreementId").asString(""));
            Instant validUntil = entry.hasNonNull("validUntil") ? Instant.parse(entry.path("validUntil").asString()) : Instant.MAX;
            return Optional.of(new PlatformGrant(grant, validUntil));
        } catch (GrantSecrets.Undecryptable e) {
            log.error("grant {} ({}) skipped: its secret {}; this node's key is {} ({})", accessKey, purpose, e.getMessage(),
                    key.address(), key.publicKey());
        } catch (RuntimeException e) {
            log.error("grant {} ({}) skipped: {}", accessKey, purpose, e.getMessage());
        }
        return Optional.empty();
    }

    /**
     * A service's own keys on this node, fetched whole every sync with the NODE token: the registry's test key of a
     * certification run going now, the monitor's canary key.
     */
    private static final class KeySource {
        final String name;
        final Fetch fetch;
        Map<String, PlatformGrant> grants = new LinkedHashMap<>();
        String problem;

        KeySource(String name, Fetch fetch) {
            this.name = name;
            this.fetch = fetch;
        }
    }

    private interface Fetch {
        JsonNode from(PlatformClient client, UUID nodeId, String token);
    }

    /** Every source's keys, replacing what each gave before; a source that cannot be asked keeps its keys until their end. */
    private void pullServiceKeys() {
        keySources.forEach(this::pull);
    }

    private void pull(KeySource source) {
        JsonNode answer;
        try {
            try {
                answer = source.fetch.from(client, nodeId, tokens.current());
            } catch (PlatformException e) {
                if (e.status() != 401) throw e;
                tokens.invalidate();
                answer = source.fetch.from(client, nodeId, tokens.current());
            }
        } catch (PlatformException e) {
            // an unclaimed node gets no token: the agreements' sync says so already
            boolean unclaimed = e.status() == 403 && "Node not claimed".equals(e.title());
            if (!unclaimed && !e.getMessage().equals(source.problem)) {
                log.warn("{} not fetched (keeping the {} the node has until their end): {}", source.name, source.grants.size(), e.getMessage());
            }
            source.problem = e.getMessage();
            return;
        }
        source.problem = null;
        Map<String, PlatformGrant> fetched = new LinkedHashMap<>();
        for (JsonNode entry : answer.path("grants")) {
            String accessKey = entry.path("accessKeyId").asString("");
            if (accessKey.isBlank() || grants.containsKey(accessKey)) continue;
            read(entry, accessKey, source.name).ifPresent(grant -> {
                fetched.put(accessKey, grant);
                if (!source.grants.containsKey(accessKey)) {
                    // made once: a certification run deletes its bucket at its end, and a later sync must not make it again
                    bucketsToMake.put(grant.grant().buckets().getFirst(), grant.grant().owner());
                    log.info("{}: key {} for bucket {}, until {}", source.name, accessKey, grant.grant().buckets().getFirst(),
                            grant.validUntil().equals(Instant.MAX) ? "it is withdrawn" : grant.validUntil());
                }
            });
        }
        source.grants.keySet().stream().filter(accessKey -> !fetched.containsKey(accessKey))
                .forEach(accessKey -> log.info("{}: key {} ended, the platform no longer lists it", source.name, accessKey));
        source.grants = fetched;
    }

    /** Makes the missing buckets of the platform grants, then puts the grants in force (dropping expired ones). */
    private void apply() {
        Instant now = clock.instant();
        for (Iterator<Map.Entry<String, PlatformGrant>> it = grants.entrySet().iterator(); it.hasNext(); ) {
            PlatformGrant platformGrant = it.next().getValue();
            if (!now.isBefore(platformGrant.validUntil())) {
                log.info("grant {} expired at {}: its key is refused from now on", platformGrant.grant().accessKey(), platformGrant.validUntil());
                it.remove();
            }
        }
        keySources.forEach(source -> source.grants.values().removeIf(key -> !now.isBefore(key.validUntil())));
        // the buckets first: a key that works must find its bucket (no NoSuchBucket in between for a consumer's first request)
        for (Iterator<Map.Entry<String, String>> it = bucketsToMake.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, String> bucket = it.next();
            if (makeBucket(bucket.getKey(), bucket.getValue())) it.remove();
        }
        List<Grant> current = java.util.stream.Stream.concat(grants.values().stream(),
                keySources.stream().flatMap(source -> source.grants.values().stream())).map(PlatformGrant::grant).toList();
        target.grants().replacePlatform(current);
        inForce = current.size();
    }

    /** True when the bucket is there now (made, or found); false to try again after the next sync. */
    private boolean makeBucket(String bucket, String owner) {
        try {
            Optional<BucketInfo> existing = target.store().bucket(bucket);
            if (existing.isEmpty()) {
                target.store().createBucket(bucket, owner);
                log.info("bucket {} made for its grant (owner {})", bucket, owner);
            } else if (!existing.get().owner().equals(owner)) {
                log.warn("bucket {} of a platform grant exists already, owned by {} instead of {}", bucket, existing.get().owner(), owner);
            }
            return true;
        } catch (RuntimeException e) {
            if (target.store().bucket(bucket).isPresent()) return true; // made concurrently by a client's CreateBucket
            log.warn("bucket {} of a platform grant not made (next try after the next sync): {}", bucket, e.getMessage());
            return false;
        }
    }

    /** Logs a failure once per outage, and again only when its kind changes. */
    private void report(PlatformException e) {
        String kind = e.status() == 403 && "Node not claimed".equals(e.title()) ? "not claimed" : e.transientFailure() ? "unreachable" : "refused";
        if (kind.equals(problem)) {
            log.debug("grant sync still failing ({}): {}", kind, e.getMessage());
            return;
        }
        problem = kind;
        switch (kind) {
            case "not claimed" -> log.info("grant sync waits until a provider has claimed node {} (the platform gives unclaimed nodes no token)", nodeId);
            case "unreachable" -> log.warn("grant sync: platform not reachable, keeping the {} platform grants this node has; retrying: {}",
                    grants.size(), e.getMessage());
            default -> log.warn("grant sync refused by the platform, keeping the {} platform grants this node has; retrying: {}", grants.size(),
                    e.getMessage());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        meters.forEach(target.metrics()::remove);
    }

    @Override
    public String toString() {
        return "GrantSync[node " + nodeId + ", version " + version + ", every " + interval + "]";
    }
}
