package io.flashback.orchestrator.lifecycle;

import io.flashback.orchestrator.agreement.Agreement;
import io.flashback.orchestrator.agreement.AgreementId;
import io.flashback.orchestrator.agreement.AgreementState;
import io.flashback.orchestrator.agreement.Agreements;
import io.flashback.orchestrator.agreement.IllegalTransition;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.util.Optional;
import java.util.UUID;

/**
 * The provider's decision on a requested agreement: by its stored rules when the order is placed, or
 * by hand. Only the agreement's provider decides. An agreement the consumer already funded on chain
 * (as expected) becomes FUNDED as soon as it is accepted; one whose fiat invoice is already paid is funded
 * from the payment and becomes ACTIVE.
 */
@Service
public class DecideAgreement {

    private final Agreements agreements;
    private final ProviderRules rules;
    private final MoveAgreement move;
    private final EscrowRecords escrow;
    private final FiatFunding fiat;

    DecideAgreement(Agreements agreements, ProviderRules rules, MoveAgreement move, EscrowRecords escrow, FiatFunding fiat) {
        this.agreements = agreements;
        this.rules = rules;
        this.move = move;
        this.escrow = escrow;
        this.fiat = fiat;
    }

    /** The provider accepts or rejects by hand, with its reason. */
    @Transactional
    public Agreement decide(UUID providerId, AgreementId id, boolean accept, String reason) {
        Agreement agreement = agreements.find(id).filter(found -> found.providerId().equals(providerId))
                .orElseThrow(() -> new NotYours("agreement " + id.value()));
        if (agreement.state() != AgreementState.REQUESTED) {
            // ACCEPTED → REJECTED is only the marketplace refusing the capacity (EndOversoldAgreement): a rejection
            // releases nothing, so a provider's change of mind after accepting must not take that move
            throw new IllegalTransition(id, agreement.state(), accept ? AgreementState.ACCEPTED : AgreementState.REJECTED,
                    "the provider decides only on a requested agreement");
        }
        String why = (accept ? "accepted by the provider" : "rejected by the provider") + (reason == null || reason.isBlank() ? "" : ": " + reason);
        return accept ? accept(agreement, why) : move.move(agreement, AgreementState.REJECTED, why);
    }

    /** Applies the provider's AUTOMATIC rules to a new request; MANUAL or no rules leave it REQUESTED. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Agreement byRules(Agreement requested) {
        Optional<AcceptanceRules> standing = rules.of(requested.providerId()).filter(found -> found.mode() == AcceptanceRules.Mode.AUTOMATIC);
        if (standing.isEmpty()) {
            return requested;
        }
        return standing.get().brokenBy(requested)
                .map(broken -> move.move(requested, AgreementState.REJECTED, "rejected by the provider's rules: " + broken))
                .orElseGet(() -> accept(requested, "accepted by the provider's rules"));
    }

    private Agreement accept(Agreement agreement, String reason) {
        Agreement accepted = move.move(agreement, AgreementState.ACCEPTED, reason);
        return escrow.matchedFunding(accepted.id())
                .map(facts -> move.move(accepted, AgreementState.FUNDED, "funded earlier in escrow agreement " + facts.escrowAgreementId(),
                        Optional.of(facts)))
                .orElseGet(() -> fiat.fundIfPaid(accepted));
    }
}
