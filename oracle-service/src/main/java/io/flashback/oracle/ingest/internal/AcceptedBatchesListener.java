package io.flashback.oracle.ingest.internal;

import io.flashback.events.oracle.MetricBatchAccepted;
import io.flashback.events.outbox.InboundEvents;
import io.flashback.oracle.ingest.ReplicateAcceptedBatch;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Feeds {@code flashback.metrics.v1} into {@link ReplicateAcceptedBatch}, each batch once ({@link InboundEvents}) in
 * one transaction with what it stores. Its own consumer, apart from the registry and orchestrator events': while it
 * retries a batch whose node or agreement this validator has not heard of yet, those events keep arriving.
 */
final class AcceptedBatchesListener implements MessageListener<String, String> {

    static final String CONSUMER = "oracle.metric-replicas";
    private static final Logger log = LoggerFactory.getLogger(AcceptedBatchesListener.class);

    private final InboundEvents inbound;
    private final ReplicateAcceptedBatch replicate;
    private final TransactionTemplate transactions;

    AcceptedBatchesListener(InboundEvents inbound, ReplicateAcceptedBatch replicate, TransactionTemplate transactions) {
        this.inbound = inbound;
        this.replicate = replicate;
        this.transactions = transactions;
    }

    @Override
    public void onMessage(ConsumerRecord<String, String> record) {
        transactions.executeWithoutResult(status -> inbound.firstDelivery(record.value(), CONSUMER)
                .filter(MetricBatchAccepted.class::isInstance).map(MetricBatchAccepted.class::cast)
                .ifPresent(accepted -> {
                    if (replicate.replicate(accepted) == ReplicateAcceptedBatch.Outcome.STORED) {
                        log.debug("stored node {}'s batch {} accepted by another validator", accepted.nodeId(), accepted.sequence());
                    }
                }));
    }
}
