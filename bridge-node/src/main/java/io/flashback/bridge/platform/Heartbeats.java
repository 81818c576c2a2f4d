package io.flashback.bridge.platform;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step 5 of onboarding (issue #5): a signed heartbeat ({@code POST /nodes/{id}/heartbeats} over
 * {@link NodeMessages#heartbeat}) every interval. The registry takes a timestamp only when it is later than the
 * last one, so timestamps strictly increase even when the clock does not move or steps back; a failed heartbeat is
 * logged and the next one comes on time.
 */
public final class Heartbeats implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Heartbeats.class);

    private final PlatformClient client;
    private final NodeKey key;
    private final UUID nodeId;
    private final Clock clock;
    private long lastTimestamp;
    private boolean failing;
    private long sent;
    private ScheduledFuture<?> task;

    public Heartbeats(PlatformClient client, NodeKey key, UUID nodeId, Clock clock) {
        this.client = client;
        this.key = key;
        this.nodeId = nodeId;
        this.clock = clock;
    }

    /** Sends one now and then every {@code interval} on {@code scheduler} until closed. */
    public synchronized Heartbeats start(ScheduledExecutorService scheduler, Duration interval) {
        if (interval.toMillis() < 1000) throw new IllegalArgumentException("heartbeat interval must be at least 1 s");
        task = scheduler.scheduleWithFixedDelay(this::beatLogged, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** One heartbeat; true when the platform took it. */
    public synchronized boolean beat() {
        long timestamp = nextTimestamp();
        try {
            client.heartbeat(nodeId, timestamp, key.signText(NodeMessages.heartbeat(nodeId, key.address(), timestamp)));
            sent++;
            if (failing || sent == 1) log.info("heartbeat accepted by the platform (node {}, timestamp {})", nodeId, timestamp);
            failing = false;
            return true;
        } catch (PlatformException e) {
            if (!failing) log.warn("heartbeat refused or not delivered (node {}): {}", nodeId, e.getMessage());
            else log.debug("heartbeat still failing: {}", e.getMessage());
            failing = true;
            return false;
        }
    }

    /** The timestamp of the next heartbeat: now in Unix seconds, or one past the last if the clock has not moved on. */
    synchronized long nextTimestamp() {
        lastTimestamp = Math.max(clock.instant().getEpochSecond(), lastTimestamp + 1);
        return lastTimestamp;
    }

    public synchronized long accepted() {
        return sent;
    }

    private void beatLogged() {
        try {
            beat();
        } catch (RuntimeException e) {
            // a scheduled task that throws is never run again: a heartbeat must not end the heartbeats
            log.warn("heartbeat failed: {}", e.toString());
        }
    }

    @Override
    public synchronized void close() {
        if (task != null) task.cancel(false);
    }
}
