package io.flashback.monitor.node.internal;

import io.flashback.events.Topics;
import io.flashback.events.outbox.InboundEvents;
import io.flashback.events.registry.NodeActivated;
import io.flashback.events.registry.NodeAnnounced;
import io.flashback.events.registry.NodeCameOnline;
import io.flashback.events.registry.NodeClaimed;
import io.flashback.events.registry.NodeDeactivated;
import io.flashback.events.registry.NodeWentOffline;
import io.flashback.monitor.metrics.PipelineLag;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Keeps the node read model in step with registry-service; each event applies once. */
@Component
class NodeEventsListener {

    static final String CONSUMER = "monitor.nodes";

    private final InboundEvents inbound;
    private final JdbcMonitoredNodes nodes;
    private final PipelineLag lag;

    NodeEventsListener(InboundEvents inbound, JdbcMonitoredNodes nodes, PipelineLag lag) {
        this.inbound = inbound;
        this.nodes = nodes;
        this.lag = lag;
    }

    @KafkaListener(id = CONSUMER, topics = Topics.REGISTRY, groupId = "monitor-service.nodes")
    @Transactional
    void on(String message) {
        inbound.firstDelivery(message, CONSUMER).ifPresent(event -> {
            switch (event) {
                case NodeAnnounced announced ->
                        nodes.announced(announced.nodeId(), announced.endpoint(), announced.apis(), announced.region(), announced.occurredAt());
                case NodeClaimed claimed -> nodes.claimed(claimed.nodeId(), claimed.providerWallet(), claimed.occurredAt());
                case NodeActivated activated -> nodes.active(activated.nodeId(), true, activated.providerWallet(), activated.occurredAt());
                case NodeDeactivated deactivated ->
                        nodes.active(deactivated.nodeId(), false, deactivated.providerWallet(), deactivated.occurredAt());
                case NodeWentOffline offline -> nodes.online(offline.nodeId(), false, offline.providerWallet(), offline.occurredAt());
                case NodeCameOnline online -> nodes.online(online.nodeId(), true, online.providerWallet(), online.occurredAt());
                default -> {
                    // accounts do not concern the node read model
                }
            }
            lag.applied(PipelineLag.Stream.REGISTRY, event.occurredAt());
        });
    }
}
