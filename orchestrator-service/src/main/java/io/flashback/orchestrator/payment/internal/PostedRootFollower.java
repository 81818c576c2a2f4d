package io.flashback.orchestrator.payment.internal;

import io.flashback.orchestrator.payment.FiatVerdicts;
import io.flashback.orchestrator.payment.SettleFiatEpoch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Verdicts usually arrive before k validators posted their epoch's root; every chain poll interval this looks for the
 * roots of epochs with provisional verdicts and settles what they prove ({@link SettleFiatEpoch#settlePosted}), one
 * agreement's epoch per transaction.
 */
class PostedRootFollower {

    private static final Logger log = LoggerFactory.getLogger(PostedRootFollower.class);
    private static final int BATCH = 200;

    private final FiatVerdicts verdicts;
    private final SettleFiatEpoch settle;
    private final TransactionTemplate transactions;

    PostedRootFollower(FiatVerdicts verdicts, SettleFiatEpoch settle, TransactionTemplate transactions) {
        this.verdicts = verdicts;
        this.settle = settle;
        this.transactions = transactions;
    }

    @Scheduled(fixedDelayString = "${flashback.orchestrator.chain.poll-interval:2s}", initialDelayString = "1s")
    void settlePostedEpochs() {
        try {
            for (FiatVerdicts.Waiting waiting : verdicts.waiting(BATCH)) {
                transactions.executeWithoutResult(status -> settle.settlePosted(waiting.agreementId(), waiting.epoch()));
            }
        } catch (RuntimeException e) {
            // the database is away; the verdicts stay provisional and the next round tries again
            log.warn("posted epoch roots not followed this time: {}", e.toString());
        }
    }
}
