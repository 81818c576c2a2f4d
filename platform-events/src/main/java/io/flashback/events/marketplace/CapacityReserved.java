package io.flashback.events.marketplace;

import java.time.Instant;
import java.util.UUID;

/** An accepted agreement's capacity is now held on its Data Unit. */
public record CapacityReserved(UUID eventId, Instant occurredAt, UUID agreementId, UUID dataUnitId, long bytes, long freeBytesAfter)
        implements MarketplaceEvent {

    @Override
    public String aggregateId() {
        return agreementId.toString();
    }
}
