package io.flashback.orchestrator.escrow;

import io.flashback.chain.Address;
import io.flashback.chain.AgreementRef;
import io.flashback.chain.ChainEvent;
import io.flashback.chain.SlaEscrow;
import io.flashback.events.outbox.ProcessedEvents;
import io.flashback.orchestrator.agreement.Agreement;
import io.flashback.orchestrator.agreement.AgreementId;
import io.flashback.orchestrator.agreement.AgreementState;
import io.flashback.orchestrator.agreement.Agreements;
import io.flashback.orchestrator.lifecycle.MoveAgreement;
import io.flashback.orchestrator.order.Order;
import io.flashback.orchestrator.order.Orders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

/**
 * Moves agreements by what happens in the SlaEscrow (called inside the transaction that also stores
 * the follower's block cursor):
 * <ul>
 *   <li>AgreementCreated with our agreement id as reference: checked against {@link EscrowPlan}; a match
 *       makes an ACCEPTED agreement FUNDED (a REQUESTED one becomes FUNDED when the provider accepts);
 *       a mismatch is recorded with its reason and never funds anything.</li>
 *   <li>AgreementAccepted (the provider locked collateral on chain): FUNDED → ACTIVE with the
 *       data-access grant issued. The on-chain acceptance is the provider's binding one; on a REQUESTED
 *       agreement it also counts as the provider's decision.</li>
 *   <li>AgreementRejected: REQUESTED → REJECTED; after the provider accepted off chain, BREACHED_BY_PROVIDER.</li>
 *   <li>AgreementCancelled → TERMINATED_BY_CONSUMER; AgreementCompleted → COMPLETED; AgreementExpired: never
 *       accepted on chain before the start → BREACHED_BY_PROVIDER (REJECTED if it was never accepted at all),
 *       unsettled after the grace → COMPLETED with the rest refunded.</li>
 * </ul>
 * Each chain event applies once (its tx hash:log index is the processed-event id), and a move the
 * agreement's state does not allow any more is skipped, so re-read pages change nothing.
 */
public class FollowEscrow {

    static final String CONSUMER = "orchestrator.escrow";
    private static final Logger log = LoggerFactory.getLogger(FollowEscrow.class);

    private final EscrowPlan plan;
    private final SlaEscrow escrow;
    private final Agreements agreements;
    private final Orders orders;
    private final EscrowLinks links;
    private final MoveAgreement move;
    private final ProcessedEvents processed;

    public FollowEscrow(EscrowPlan plan, SlaEscrow escrow, Agreements agreements, Orders orders, EscrowLinks links, MoveAgreement move,
                        ProcessedEvents processed) {
        this.plan = plan;
        this.escrow = escrow;
        this.agreements = agreements;
        this.orders = orders;
        this.links = links;
        this.move = move;
        this.processed = processed;
    }

    /** Applies one chain event; must run in the caller's transaction. */
    public void apply(ChainEvent event) {
        if (!processed.firstDelivery(UUID.nameUUIDFromBytes(event.position().id().getBytes(StandardCharsets.UTF_8)), CONSUMER)) {
            return;
        }
        String where = "tx " + event.position().transactionHash() + ":" + event.position().logIndex();
        switch (event) {
            case ChainEvent.AgreementCreated created -> created(created, where);
            case ChainEvent.AgreementAccepted accepted -> linked(accepted.id()).ifPresent(link -> onChainAcceptance(link,
                    "the provider locked " + accepted.collateralLocked() + " collateral in " + where));
            case ChainEvent.AgreementRejected rejected -> linked(rejected.id()).ifPresent(link -> {
                Agreement agreement = current(link);
                String reason = "rejected by the provider on chain in " + where + "; " + rejected.refund() + " refunded to the consumer";
                to(agreement, agreement.state() == AgreementState.REQUESTED ? AgreementState.REJECTED : AgreementState.BREACHED_BY_PROVIDER,
                        reason, link);
            });
            case ChainEvent.AgreementCancelled cancelled -> linked(cancelled.id()).ifPresent(link -> to(current(link),
                    AgreementState.TERMINATED_BY_CONSUMER, "cancelled by the consumer on chain in " + where + "; " + cancelled.refund()
                            + " refunded for " + cancelled.epochs() + " epochs", link));
            case ChainEvent.AgreementCompleted completed -> linked(completed.id()).ifPresent(link -> to(current(link),
                    AgreementState.COMPLETED, "every epoch settled on chain (" + where + ")", link));
            case ChainEvent.AgreementExpired expired -> linked(expired.id()).ifPresent(link -> {
                Agreement agreement = current(link);
                switch (agreement.state()) {
                    case REQUESTED -> to(agreement, AgreementState.REJECTED, "the provider did not accept before the start epoch; expired in "
                            + where + ", " + expired.refund() + " refunded", link);
                    case ACCEPTED, FUNDED -> to(agreement, AgreementState.BREACHED_BY_PROVIDER, "accepted but no collateral locked on chain "
                            + "before the start epoch; expired in " + where + ", " + expired.refund() + " refunded", link);
                    default -> to(agreement, AgreementState.COMPLETED, "term over with epochs left unsettled past the grace period; expired in "
                            + where + ", " + expired.refund() + " refunded", link);
                }
            });
            default -> {
                // other escrow events (settlements, withdrawals) do not move agreements
            }
        }
    }

    private void created(ChainEvent.AgreementCreated created, String where) {
        Optional<Agreement> ours = agreementOf(created.reference()).flatMap(agreements::find);
        if (ours.isEmpty()) {
            return;
        }
        Agreement agreement = ours.get();
        Optional<String> wallet = orders.find(agreement.orderId()).map(Order::consumerWallet);
        Optional<String> mismatch;
        if (wallet.isEmpty()) {
            mismatch = Optional.of("the order names no consumer wallet");
        } else {
            io.flashback.chain.Agreement onChain = escrow.agreement(created.id())
                    .orElseThrow(() -> new IllegalStateException("escrow agreement " + created.id() + " announced but not found"));
            mismatch = plan.mismatch(agreement, new Address(wallet.get()), onChain, escrow.creditTiers(created.id()));
        }
        EscrowLink link = new EscrowLink(plan.escrow().value(), created.id().value(), agreement.id(), created.consumer().value(),
                created.token().value(), created.pricePerEpoch(), Math.toIntExact(created.epochs()), created.startEpoch(), plan.epochSeconds(),
                where, mismatch);
        links.add(link);
        if (mismatch.isPresent()) {
            log.warn("escrow agreement {} names agreement {} but is not its funding: {}", created.id(), agreement.id().value(), mismatch.get());
            return;
        }
        if (agreement.state() == AgreementState.ACCEPTED) {
            to(agreement, AgreementState.FUNDED, "funded in escrow agreement " + created.id() + " (" + where + ")", link);
        }
    }

    private void onChainAcceptance(EscrowLink link, String reason) {
        Agreement agreement = current(link);
        if (agreement.state() == AgreementState.REQUESTED) {
            agreement = to(agreement, AgreementState.ACCEPTED, "accepted by the provider on chain: " + reason, link);
        }
        if (agreement.state() == AgreementState.ACCEPTED) {
            agreement = to(agreement, AgreementState.FUNDED, "funded in escrow agreement " + link.escrowAgreementId() + " (" + link.createdIn() + ")",
                    link);
        }
        to(agreement, AgreementState.ACTIVE, reason + "; data-access grant issued", link);
    }

    private Optional<EscrowLink> linked(io.flashback.chain.AgreementId id) {
        return links.byEscrowAgreement(plan.escrow().value(), id.value()).filter(EscrowLink::matched);
    }

    private Agreement current(EscrowLink link) {
        return agreements.find(link.agreementId()).orElseThrow();
    }

    private Agreement to(Agreement agreement, AgreementState target, String reason, EscrowLink link) {
        if (!agreement.state().next().contains(target)) {
            log.info("agreement {} is {}; the chain's move to {} no longer applies ({})", agreement.id().value(), agreement.state(), target, reason);
            return agreement;
        }
        return move.move(agreement, target, reason, Optional.of(link.facts()));
    }

    /** Our references are agreement UUIDs left-aligned in bytes32; anything else is someone else's. */
    static Optional<AgreementId> agreementOf(AgreementRef reference) {
        byte[] bytes = reference.value().bytes();
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        UUID uuid = new UUID(buffer.getLong(), buffer.getLong());
        for (int i = 16; i < 32; i++) {
            if (bytes[i] != 0) {
                return Optional.empty();
            }
        }
        return Optional.of(new AgreementId(uuid));
    }
}
