package io.flashback.orchestrator.lifecycle;

import io.flashback.events.IntegrationEvent;
import io.flashback.events.orchestrator.AgreementAccepted;
import io.flashback.events.orchestrator.AgreementActivated;
import io.flashback.events.orchestrator.AgreementEnded;
import io.flashback.events.orchestrator.AgreementFunded;
import io.flashback.events.orchestrator.AgreementRejected;
import io.flashback.events.orchestrator.AgreementRequested;
import io.flashback.events.outbox.Outbox;
import io.flashback.orchestrator.agreement.Agreement;
import io.flashback.orchestrator.agreement.AgreementState;
import io.flashback.orchestrator.agreement.Agreements;
import io.flashback.orchestrator.agreement.CreditTier;
import io.flashback.orchestrator.agreement.SlaTerms;
import io.flashback.orchestrator.grant.DataAccessGrant;
import io.flashback.orchestrator.grant.DataAccessGrants;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The one way the orchestrator changes an agreement: the move is validated by the agreement's state
 * table, stored with its reason and announced on {@code flashback.orchestrator.v1} in the same
 * transaction (outbox), and an end revokes the agreement's data-access grant.
 */
@Service
public class MoveAgreement {

    private final Agreements agreements;
    private final DataAccessGrants grants;
    private final Outbox outbox;
    private final Clock clock;

    MoveAgreement(Agreements agreements, DataAccessGrants grants, Outbox outbox, Clock clock) {
        this.agreements = agreements;
        this.grants = grants;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Stores a new REQUESTED agreement and announces it. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void open(Agreement requested, String reason) {
        agreements.add(requested, reason);
        outbox.publish(new AgreementRequested(UUID.randomUUID(), requested.stateSince(), requested.id().value(), requested.orderId(),
                requested.consumerId(), requested.providerId(), requested.dataUnitId(), requested.nodeId(), requested.capacityBytes(),
                requested.termDays(), requested.currency(), requested.price(), reason));
    }

    /** Moves to a state that needs no escrow facts (ACCEPTED, REJECTED, an end before funding). */
    @Transactional(propagation = Propagation.MANDATORY)
    public Agreement move(Agreement current, AgreementState target, String reason) {
        return move(current, target, reason, Optional.empty());
    }

    /** Moves with what the escrow holds; ACTIVE issues the data-access grant the event names. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Agreement move(Agreement current, AgreementState target, String reason, Optional<EscrowFacts> escrow) {
        Agreement.Moved moved = current.moveTo(target, reason, clock);
        agreements.record(moved);
        Agreement next = moved.agreement();
        Optional<DataAccessGrant> grant = Optional.empty();
        if (target == AgreementState.ACTIVE) {
            grant = Optional.of(grants.issue(next, next.stateSince()));
        }
        if (target.isEnded()) {
            grants.revoke(next.id().value(), target + ": " + reason, next.stateSince());
        }
        outbox.publish(event(current, next, reason, escrow, grant));
        return next;
    }

    private static IntegrationEvent event(Agreement before, Agreement after, String reason, Optional<EscrowFacts> escrow,
                                          Optional<DataAccessGrant> grant) {
        UUID id = after.id().value();
        return switch (after.state()) {
            case ACCEPTED -> new AgreementAccepted(UUID.randomUUID(), after.stateSince(), id, after.orderId(), after.consumerId(),
                    after.providerId(), after.dataUnitId(), after.nodeId(), after.capacityBytes(), after.termDays(), reason);
            case REJECTED -> new AgreementRejected(UUID.randomUUID(), after.stateSince(), id, after.orderId(), after.consumerId(),
                    after.providerId(), after.dataUnitId(), reason);
            case FUNDED -> {
                EscrowFacts facts = escrow.orElseThrow(() -> new IllegalArgumentException("funding needs the escrow's facts"));
                yield new AgreementFunded(UUID.randomUUID(), after.stateSince(), id, facts.escrow(), facts.escrowAgreementId(),
                        after.consumerId(), after.providerId(), after.dataUnitId(), after.nodeId(), facts.consumerWallet(), facts.token(),
                        facts.amount(), facts.startEpoch(), facts.epochs(), reason);
            }
            case ACTIVE -> {
                EscrowFacts facts = escrow.orElseThrow(() -> new IllegalArgumentException("activation needs the escrow's facts"));
                SlaTerms terms = after.terms();
                yield new AgreementActivated(UUID.randomUUID(), after.stateSince(), id, facts.escrow(), facts.escrowAgreementId(),
                        after.consumerId(), after.providerId(), after.dataUnitId(), after.nodeId(), after.capacityBytes(), after.termDays(),
                        facts.startEpoch(), facts.epochs(), terms.availabilityTargetPct(), terms.averageLatencyMs(), terms.uploadMbps(),
                        terms.downloadMbps(), terms.errorRatePpm(), terms.auditPassRatePct(), facts.epochSeconds(), tiers(terms),
                        terms.slashBelowPct() == null ? "" : terms.slashBelowPct().toPlainString(), grant.orElseThrow().id(), reason);
            }
            case COMPLETED, TERMINATED_BY_CONSUMER, BREACHED_BY_PROVIDER, BREACHED_BY_CONSUMER -> new AgreementEnded(UUID.randomUUID(),
                    after.stateSince(), id, after.orderId(), escrow.map(EscrowFacts::escrowAgreementId).orElse(""), after.consumerId(),
                    after.providerId(), after.dataUnitId(), after.nodeId(), after.capacityBytes(), after.state().name(),
                    before.state().name(), before.state().holdsCapacity(), reason);
            case REQUESTED -> throw new IllegalStateException("no agreement moves back to REQUESTED");
        };
    }

    private static String tiers(SlaTerms terms) {
        return terms.creditTiers().stream().map(MoveAgreement::tier).collect(Collectors.joining(","));
    }

    private static String tier(CreditTier tier) {
        return tier.belowAvailabilityPct().toPlainString() + ":" + tier.creditPct().toPlainString();
    }
}
