package io.flashback.events.registry;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A claimed bridge node's collateral on chain reached the required minimum: it may carry Data
 * Units. {@code collateral} is in the staking token's smallest unit (an integer).
 */
public record NodeActivated(UUID eventId, Instant occurredAt, UUID nodeId, String providerWallet, BigDecimal collateral)
        implements RegistryEvent {

    @Override
    public String aggregateId() {
        return nodeId.toString();
    }
}
