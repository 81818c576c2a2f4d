package io.flashback.events.marketplace;

import java.time.Instant;
import java.util.UUID;

/**
 * An accepted agreement could not get its capacity: the unit was sold to others first (or is no
 * longer on the market). The orchestrator must not let it be funded.
 */
public record CapacityReservationRefused(UUID eventId, Instant occurredAt, UUID agreementId, UUID dataUnitId, long bytes,
                                         long freeBytes, String reason) implements MarketplaceEvent {

    @Override
    public String aggregateId() {
        return agreementId.toString();
    }
}
