package io.flashback.events.registry;

import java.time.Instant;
import java.util.UUID;

/**
 * A provider wallet claimed a bridge node: the node signed the EIP-712 claim that binds it to the
 * wallet (the claim BridgeNodeRegistry checks on chain).
 */
public record NodeClaimed(UUID eventId, Instant occurredAt, UUID nodeId, String nodeAddress, String providerWallet)
        implements RegistryEvent {

    @Override
    public String aggregateId() {
        return nodeId.toString();
    }
}
