package io.flashback.events.registry;

import java.time.Instant;
import java.util.UUID;

/**
 * A bridge node sent no heartbeat for longer than the registry's threshold. {@code providerWallet}
 * is null for a node nobody has claimed yet; {@code lastHeartbeatAt} is null for one that never sent one.
 */
public record NodeWentOffline(UUID eventId, Instant occurredAt, UUID nodeId, String providerWallet, Instant lastHeartbeatAt)
        implements RegistryEvent {

    @Override
    public String aggregateId() {
        return nodeId.toString();
    }
}
