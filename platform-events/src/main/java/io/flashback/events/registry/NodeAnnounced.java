package io.flashback.events.registry;

import java.time.Instant;
import java.util.UUID;

/**
 * A bridge node announced itself (or re-announced new details) with a request signed by its node
 * key. {@code apis} is a comma-separated list (for example {@code s3,gcs}).
 */
public record NodeAnnounced(UUID eventId, Instant occurredAt, UUID nodeId, String nodeAddress, String endpoint, String apis,
                            String region, long capacityBytes, String version) implements RegistryEvent {

    @Override
    public String aggregateId() {
        return nodeId.toString();
    }
}
