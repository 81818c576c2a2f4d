package io.flashback.orchestrator.payment.internal;

import io.flashback.events.oracle.SlaVerdictReached;
import io.flashback.events.outbox.InboundEvents;
import io.flashback.orchestrator.payment.SettleFiatEpoch;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Feeds the oracle's verdicts ({@code flashback.sla.v1}) into {@link SettleFiatEpoch#receive}: each message in its own
 * transaction with its first-delivery mark ({@link InboundEvents}), so a redelivery changes nothing. A verdict is only
 * provisional until the epoch's root is posted on OracleHub; the epoch settles by the posted result alone. A verdict that
 * cannot be kept (an availability outside 0–100 %) is logged and skipped; anything else — the database away — is
 * retried with backoff without end.
 */
final class SlaVerdictListener implements MessageListener<String, String> {

    static final String CONSUMER = "orchestrator.fiat-settlement";
    private static final Logger log = LoggerFactory.getLogger(SlaVerdictListener.class);

    private final InboundEvents inbound;
    private final SettleFiatEpoch settle;
    private final TransactionTemplate transactions;

    SlaVerdictListener(InboundEvents inbound, SettleFiatEpoch settle, TransactionTemplate transactions) {
        this.inbound = inbound;
        this.settle = settle;
        this.transactions = transactions;
    }

    @Override
    public void onMessage(ConsumerRecord<String, String> record) {
        try {
            transactions.executeWithoutResult(status -> inbound.firstDelivery(record.value(), CONSUMER)
                    .filter(SlaVerdictReached.class::isInstance).map(SlaVerdictReached.class::cast)
                    .ifPresent(settle::receive));
        } catch (IllegalArgumentException | ArithmeticException e) {
            log.error("skipping verdict at {} offset {} (key {}): {}", record.topic(), record.offset(), record.key(), e.getMessage());
        }
    }
}
