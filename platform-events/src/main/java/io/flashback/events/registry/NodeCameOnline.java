package io.flashback.events.registry;

import java.time.Instant;
import java.util.UUID;

/** A bridge node marked offline sent a valid heartbeat again. {@code providerWallet} is null while unclaimed. */
public record NodeCameOnline(UUID eventId, Instant occurredAt, UUID nodeId, String providerWallet) implements RegistryEvent {

    @Override
    public String aggregateId() {
        return nodeId.toString();
    }
}
