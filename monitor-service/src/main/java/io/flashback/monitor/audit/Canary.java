package io.flashback.monitor.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * A canary object the platform placed on a node; its content follows from the seed (see {@link CanaryContent}).
 * Each probe location places and audits its own, so workers in different regions never overwrite each other's.
 */
public record Canary(UUID nodeId, String location, String bucket, String key, long size, String seedHex, Instant placedAt) {

    public CanaryContent content() {
        return CanaryContent.ofSeedHex(seedHex, size);
    }
}
