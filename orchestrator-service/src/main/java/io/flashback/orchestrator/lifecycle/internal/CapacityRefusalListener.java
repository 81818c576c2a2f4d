package io.flashback.orchestrator.lifecycle.internal;

import io.flashback.events.marketplace.CapacityReservationRefused;
import io.flashback.events.outbox.InboundEvents;
import io.flashback.orchestrator.lifecycle.EndOversoldAgreement;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Feeds the marketplace's answers ({@code flashback.marketplace.v1}) into {@link EndOversoldAgreement}: each message in
 * its own transaction with its first-delivery mark ({@link InboundEvents}), so a redelivery changes nothing. Only
 * {@link CapacityReservationRefused} moves agreements; reservations and releases are marked and otherwise ignored.
 * Failures (the database away, a concurrent move of the same agreement) roll the mark back and are retried with
 * backoff without end, because a skipped refusal would leave an oversold agreement open to funding.
 */
final class CapacityRefusalListener implements MessageListener<String, String> {

    static final String CONSUMER = "orchestrator.capacity-refusals";

    private final InboundEvents inbound;
    private final EndOversoldAgreement endOversold;
    private final TransactionTemplate transactions;

    CapacityRefusalListener(InboundEvents inbound, EndOversoldAgreement endOversold, TransactionTemplate transactions) {
        this.inbound = inbound;
        this.endOversold = endOversold;
        this.transactions = transactions;
    }

    @Override
    public void onMessage(ConsumerRecord<String, String> record) {
        transactions.executeWithoutResult(status -> inbound.firstDelivery(record.value(), CONSUMER)
                .filter(CapacityReservationRefused.class::isInstance).map(CapacityReservationRefused.class::cast)
                .ifPresent(endOversold::refused));
    }
}
