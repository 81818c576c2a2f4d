package io.flashback.registry.node;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A bridge node as the registry knows it. {@code collateral} is null until the chain has been read for it;
 * {@code boundOnChainAt} is when the registry saw the provider's claim transaction.
 */
public record BridgeNode(UUID id, String nodeAddress, String endpoint, List<String> apis, String region, long capacityBytes,
                         String version, NodeState state, String providerWallet, BigInteger collateral, Instant announcedAt,
                         Instant claimedAt, Instant boundOnChainAt, Instant lastHeartbeatAt, Instant offlineSince) {

    public boolean online() {
        return offlineSince == null;
    }

    public boolean claimed() {
        return providerWallet != null;
    }
}
