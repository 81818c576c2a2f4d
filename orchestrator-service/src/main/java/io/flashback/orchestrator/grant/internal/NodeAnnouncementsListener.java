package io.flashback.orchestrator.grant.internal;

import io.flashback.events.outbox.InboundEvents;
import io.flashback.events.registry.NodeAnnounced;
import io.flashback.orchestrator.grant.NodeEndpoints;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps {@link NodeEndpoints} from the registry's {@code NodeAnnounced} events ({@code flashback.registry.v1}), each
 * applied once with its {@link InboundEvents} mark in one transaction; the registry's other events are marked and ignored.
 */
final class NodeAnnouncementsListener implements MessageListener<String, String> {

    static final String CONSUMER = "orchestrator.node-endpoints";

    private final InboundEvents inbound;
    private final NodeEndpoints endpoints;
    private final TransactionTemplate transactions;

    NodeAnnouncementsListener(InboundEvents inbound, NodeEndpoints endpoints, TransactionTemplate transactions) {
        this.inbound = inbound;
        this.endpoints = endpoints;
        this.transactions = transactions;
    }

    @Override
    public void onMessage(ConsumerRecord<String, String> record) {
        transactions.executeWithoutResult(status -> inbound.firstDelivery(record.value(), CONSUMER)
                .filter(NodeAnnounced.class::isInstance).map(NodeAnnounced.class::cast)
                .ifPresent(announced -> endpoints.announced(announced.nodeId(), announced.endpoint(), announced.occurredAt())));
    }
}
