package io.flashback.events.registry;

import io.flashback.events.IntegrationEvent;

/** Events registry-service publishes on {@link io.flashback.events.Topics#REGISTRY}. */
public sealed interface RegistryEvent extends IntegrationEvent
        permits AccountRegistered, NodeAnnounced, NodeClaimed, NodeWentOffline, NodeCameOnline, NodeActivated, NodeDeactivated,
        NodeCertified, NodeCertificationFailed {
}
