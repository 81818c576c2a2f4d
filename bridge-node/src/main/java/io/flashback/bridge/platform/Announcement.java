package io.flashback.bridge.platform;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step 1 of onboarding (issue #5): the node announces itself ({@code POST /nodes/announce}, signed with the
 * node key over {@link NodeMessages#announcement}) and keeps the node id and secret the platform answers.
 * A node that already announced the same details to the same platform does not announce again unless forced;
 * while the platform cannot be reached it tries again with exponential backoff.
 */
public final class Announcement {
    private static final Logger log = LoggerFactory.getLogger(Announcement.class);

    private final PlatformClient client;
    private final NodeKey key;
    private final Path dataDir;
    private final Clock clock;

    public Announcement(PlatformClient client, NodeKey key, Path dataDir, Clock clock) {
        this.client = client;
        this.key = key;
        this.dataDir = dataDir;
        this.clock = clock;
    }

    /** The stored registration when it still holds, else one announcement (no retry); rejections are thrown. */
    public Registration announce(NodeDetails details, boolean force) {
        Optional<Registration> stored = Registration.read(dataDir);
        if (!force && stored.isPresent() && stored.get().covers(client.base(), key.address(), details)) {
            return stored.get();
        }
        String nonce = Nonces.next();
        long timestamp = clock.instant().getEpochSecond();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("nodeAddress", key.address());
        body.put("endpoint", details.endpoint());
        body.put("apis", details.apis());
        body.put("region", details.region());
        body.put("capacityBytes", details.capacityBytes());
        body.put("version", details.version());
        body.put("nonce", nonce);
        body.put("timestamp", timestamp);
        body.put("signature", key.signText(NodeMessages.announcement(key.address(), details, nonce, timestamp)));
        PlatformClient.Announced announced = client.announce(body);
        // a re-announcement of a claimed node gets no new secret: the node stays its provider's
        String provider = stored.filter(s -> s.nodeId().equals(announced.nodeId())).map(Registration::provider).orElse(null);
        Registration registration = new Registration(client.base(), announced.nodeId(), key.address(),
                provider == null ? announced.secret() : null, details, clock.instant(), provider);
        registration.write(dataDir);
        log.info("announced to {}: node id {}, state {}", client.base(), announced.nodeId(), announced.state());
        return registration;
    }

    /**
     * Announces on {@code scheduler}, trying again after {@code firstDelay}, doubling up to {@code maxDelay}, while
     * the platform is unreachable or down; completes exceptionally on a rejection (a retry would be refused too).
     */
    public CompletableFuture<Registration> announceWithRetries(NodeDetails details, boolean force, ScheduledExecutorService scheduler,
                                                               Duration firstDelay, Duration maxDelay) {
        CompletableFuture<Registration> result = new CompletableFuture<>();
        scheduler.execute(() -> attempt(details, force, scheduler, firstDelay, maxDelay, 1, result));
        return result;
    }

    private void attempt(NodeDetails details, boolean force, ScheduledExecutorService scheduler, Duration delay, Duration maxDelay,
                         int attempt, CompletableFuture<Registration> result) {
        if (result.isDone()) return;
        try {
            result.complete(announce(details, force));
        } catch (PlatformException e) {
            // 409: a nonce collision, practically never; a fresh nonce is drawn next time
            if (!e.transientFailure() && e.status() != 409) {
                result.completeExceptionally(e);
                return;
            }
            log.warn("announcement attempt {} failed, next in {} s: {}", attempt, delay.toSeconds(), e.getMessage());
            Duration next = delay.multipliedBy(2).compareTo(maxDelay) > 0 ? maxDelay : delay.multipliedBy(2);
            try {
                scheduler.schedule(() -> attempt(details, force, scheduler, next, maxDelay, attempt + 1, result),
                        delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException shutDown) {
                result.cancel(false);
            }
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
    }
}
