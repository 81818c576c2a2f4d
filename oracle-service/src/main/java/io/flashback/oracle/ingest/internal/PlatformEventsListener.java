package io.flashback.oracle.ingest.internal;

import io.flashback.events.outbox.InboundEvents;
import io.flashback.oracle.ingest.FollowPlatformEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Feeds the registry's and the orchestrator's events into {@link FollowPlatformEvents}: each message in its own
 * transaction with its first-delivery mark ({@link InboundEvents}), so a redelivery changes nothing. An event the
 * oracle cannot make sense of (a bad agreement id or terms) is logged and skipped; a database outage is retried with
 * backoff without end, because skipping a node's activation would refuse its batches for good.
 */
final class PlatformEventsListener implements MessageListener<String, String> {

    private static final Logger log = LoggerFactory.getLogger(PlatformEventsListener.class);
    static final String CONSUMER = "oracle.platform-events";

    private final InboundEvents inbound;
    private final FollowPlatformEvents follow;
    private final TransactionTemplate transactions;

    PlatformEventsListener(InboundEvents inbound, FollowPlatformEvents follow, TransactionTemplate transactions) {
        this.inbound = inbound;
        this.follow = follow;
        this.transactions = transactions;
    }

    @Override
    public void onMessage(ConsumerRecord<String, String> record) {
        try {
            transactions.executeWithoutResult(status -> inbound.firstDelivery(record.value(), CONSUMER).ifPresent(follow::apply));
        } catch (IllegalArgumentException | ArithmeticException e) {
            log.error("skipping {} event at offset {} (key {}): {}", record.topic(), record.offset(), record.key(), e.getMessage());
        }
    }
}
