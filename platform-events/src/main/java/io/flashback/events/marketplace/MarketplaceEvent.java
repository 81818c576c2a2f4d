package io.flashback.events.marketplace;

import io.flashback.events.IntegrationEvent;

/**
 * Events marketplace-service publishes on {@link io.flashback.events.Topics#MARKETPLACE}, keyed by
 * the agreement they answer so they stay in order with it.
 */
public sealed interface MarketplaceEvent extends IntegrationEvent
        permits CapacityReserved, CapacityReservationRefused, CapacityReleased {
}
