package io.flashback.marketplace.node;

import io.flashback.events.EventCodec;
import io.flashback.events.Topics;
import io.flashback.events.UnreadableEventException;
import io.flashback.events.outbox.ProcessedEvents;
import io.flashback.events.registry.NodeActivated;
import io.flashback.events.registry.NodeAnnounced;
import io.flashback.events.registry.NodeCameOnline;
import io.flashback.events.registry.NodeClaimed;
import io.flashback.events.registry.NodeDeactivated;
import io.flashback.events.registry.NodeWentOffline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps {@link ProviderNodes} in step with registry-service; a node going offline or losing its
 * collateral takes its units off the market, and coming back returns them. Each event applies once.
 */
@Component
class NodeEventsListener {

    static final String CONSUMER = "marketplace.provider-nodes";
    private static final Logger log = LoggerFactory.getLogger(NodeEventsListener.class);

    private final EventCodec codec;
    private final ProcessedEvents processed;
    private final ProviderNodes nodes;

    NodeEventsListener(EventCodec codec, ProcessedEvents processed, ProviderNodes nodes) {
        this.codec = codec;
        this.processed = processed;
        this.nodes = nodes;
    }

    @KafkaListener(id = CONSUMER, topics = Topics.REGISTRY, groupId = "marketplace-service.provider-nodes")
    @Transactional
    void on(String message) {
        EventCodec.Decoded decoded;
        try {
            decoded = codec.decode(message);
        } catch (UnreadableEventException e) {
            log.error("skipping unreadable message on {}: {}", Topics.REGISTRY, e.getMessage());
            return;
        }
        if (decoded.event() == null || !processed.firstDelivery(decoded.event().eventId(), CONSUMER)) {
            return;
        }
        switch (decoded.event()) {
            case NodeAnnounced announced -> nodes.announced(announced.nodeId(), announced.endpoint(), announced.region(), announced.occurredAt());
            case NodeClaimed claimed -> nodes.claimed(claimed.nodeId(), claimed.providerWallet(), claimed.occurredAt());
            case NodeWentOffline offline -> nodes.online(offline.nodeId(), false, offline.occurredAt());
            case NodeCameOnline online -> nodes.online(online.nodeId(), true, online.occurredAt());
            case NodeActivated activated -> nodes.active(activated.nodeId(), true, activated.occurredAt());
            case NodeDeactivated deactivated -> nodes.active(deactivated.nodeId(), false, deactivated.occurredAt());
            default -> {
                // other registry events do not concern the nodes' read model
            }
        }
    }
}
