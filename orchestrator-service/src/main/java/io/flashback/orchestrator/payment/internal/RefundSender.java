package io.flashback.orchestrator.payment.internal;

import io.flashback.orchestrator.payment.SendRefunds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends booked refunds to the payment provider every {@code flashback.orchestrator.payments.refund-interval}, a
 * batch per transaction; pending refunds are claimed with {@code SKIP LOCKED}, so instances side by side share them.
 */
class RefundSender {

    private static final Logger log = LoggerFactory.getLogger(RefundSender.class);
    private static final int BATCH = 50;

    private final SendRefunds send;
    private final TransactionTemplate transactions;

    RefundSender(SendRefunds send, TransactionTemplate transactions) {
        this.send = send;
        this.transactions = transactions;
    }

    @Scheduled(fixedDelayString = "${flashback.orchestrator.payments.refund-interval:5s}", initialDelayString = "2s")
    void sendPending() {
        try {
            Integer sent;
            do {
                sent = transactions.execute(status -> send.send(BATCH));
            } while (sent != null && sent == BATCH);
        } catch (RuntimeException e) {
            // the database is away; the refunds stay pending and the next round tries again
            log.warn("refunds not sent this time: {}", e.toString());
        }
    }
}
