package io.flashback.events.registry;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * An active bridge node's collateral on chain fell below the required minimum (withdrawal or
 * slashing). {@code collateral} is in the staking token's smallest unit (an integer).
 */
public record NodeDeactivated(UUID eventId, Instant occurredAt, UUID nodeId, String providerWallet, BigDecimal collateral)
        implements RegistryEvent {

    @Override
    public String aggregateId() {
        return nodeId.toString();
    }
}
