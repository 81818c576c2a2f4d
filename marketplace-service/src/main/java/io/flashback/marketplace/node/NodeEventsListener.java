package io.flashback.marketplace.node;

import io.flashback.events.Topics;
import io.flashback.events.outbox.InboundEvents;
import io.flashback.events.registry.NodeActivated;
import io.flashback.events.registry.NodeAnnounced;
import io.flashback.events.registry.NodeCameOnline;
import io.flashback.events.registry.NodeCertified;
import io.flashback.events.registry.NodeClaimed;
import io.flashback.events.registry.NodeDeactivated;
import io.flashback.events.registry.NodeWentOffline;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps {@link ProviderNodes} in step with registry-service; a node going offline or losing its
 * collateral takes its units off the market, and coming back returns them; a certification marks its units with the
 * node's tier. Each event applies once.
 */
@Component
class NodeEventsListener {

    static final String CONSUMER = "marketplace.provider-nodes";

    private final InboundEvents inbound;
    private final ProviderNodes nodes;

    NodeEventsListener(InboundEvents inbound, ProviderNodes nodes) {
        this.inbound = inbound;
        this.nodes = nodes;
    }

    @KafkaListener(id = CONSUMER, topics = Topics.REGISTRY, groupId = "marketplace-service.provider-nodes")
    @Transactional
    void on(String message) {
        inbound.firstDelivery(message, CONSUMER).ifPresent(event -> {
            switch (event) {
                case NodeAnnounced announced -> nodes.announced(announced.nodeId(), announced.endpoint(), announced.region(), announced.occurredAt());
                case NodeClaimed claimed -> nodes.claimed(claimed.nodeId(), claimed.providerWallet(), claimed.occurredAt());
                case NodeWentOffline offline -> nodes.online(offline.nodeId(), false, offline.occurredAt());
                case NodeCameOnline online -> nodes.online(online.nodeId(), true, online.occurredAt());
                case NodeActivated activated -> nodes.active(activated.nodeId(), true, activated.occurredAt());
                case NodeDeactivated deactivated -> nodes.active(deactivated.nodeId(), false, deactivated.occurredAt());
                case NodeCertified certified -> nodes.certified(certified.nodeId(), CertificationTier.valueOf(certified.tier()),
                        certified.certifiedUntil(), certified.occurredAt());
                default -> {
                    // other registry events do not concern the nodes' read model
                }
            }
        });
    }
}
