package io.flashback.orchestrator.lifecycle.internal;

import io.flashback.orchestrator.OrchestratorProperties;
import io.flashback.orchestrator.agreement.Agreement;
import io.flashback.orchestrator.agreement.AgreementState;
import io.flashback.orchestrator.agreement.Agreements;
import io.flashback.orchestrator.lifecycle.EscrowRecords;
import io.flashback.orchestrator.lifecycle.MoveAgreement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;

/**
 * An accepted agreement holds capacity on the data unit; if the consumer does not fund it within the
 * funding deadline it ends as BREACHED_BY_CONSUMER (non-payment) and the capacity is released. Each
 * agreement moves in its own transaction, so a concurrent move (the funding arriving) wins cleanly.
 */
@Component
class BreachUnfundedAgreements {

    private static final Logger log = LoggerFactory.getLogger(BreachUnfundedAgreements.class);

    private final Agreements agreements;
    private final MoveAgreement move;
    private final EscrowRecords escrow;
    private final TransactionTemplate transactions;
    private final OrchestratorProperties properties;
    private final Clock clock;

    BreachUnfundedAgreements(Agreements agreements, MoveAgreement move, EscrowRecords escrow, PlatformTransactionManager transactionManager,
                             OrchestratorProperties properties, Clock clock) {
        this.agreements = agreements;
        this.move = move;
        this.escrow = escrow;
        this.transactions = new TransactionTemplate(transactionManager);
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${flashback.orchestrator.deadline-sweep-interval:60s}", initialDelayString = "5s")
    void sweep() {
        Instant deadline = clock.instant().minus(properties.fundingDeadline());
        for (Agreement accepted : agreements.inStateSince(AgreementState.ACCEPTED, deadline, 100)) {
            try {
                transactions.executeWithoutResult(status -> agreements.find(accepted.id())
                        .filter(current -> current.version() == accepted.version())
                        .ifPresent(current -> move.move(current, AgreementState.BREACHED_BY_CONSUMER,
                                "not funded within " + properties.fundingDeadline() + " of acceptance"
                                        + escrow.refusedFunding(current.id()).map(refused -> "; the escrow funding seen was refused: " + refused)
                                        .orElse(""))));
            } catch (RuntimeException e) {
                log.warn("agreement {} not breached for non-payment this time: {}", accepted.id().value(), e.getMessage());
            }
        }
    }
}
