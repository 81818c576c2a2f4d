package io.flashback.events.marketplace;

import java.time.Instant;
import java.util.UUID;

/** An ended agreement's capacity is free to sell again. */
public record CapacityReleased(UUID eventId, Instant occurredAt, UUID agreementId, UUID dataUnitId, long bytes) implements MarketplaceEvent {

    @Override
    public String aggregateId() {
        return agreementId.toString();
    }
}
