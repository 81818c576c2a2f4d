package io.flashback.orchestrator.lifecycle;

import io.flashback.events.marketplace.CapacityReservationRefused;
import io.flashback.orchestrator.agreement.Agreement;
import io.flashback.orchestrator.agreement.AgreementId;
import io.flashback.orchestrator.agreement.AgreementState;
import io.flashback.orchestrator.agreement.Agreements;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.util.Optional;

/**
 * A unit is never oversold (issue 6): when the marketplace cannot reserve an accepted agreement's capacity, the
 * agreement must not go on to be funded. ACCEPTED becomes REJECTED; FUNDED (the consumer paid before the refusal
 * arrived) becomes BREACHED_BY_PROVIDER, the end the state table allows for a provider that cannot deliver. Both
 * carry the marketplace's reason. A refusal for an agreement already past that point, or not ours, changes nothing.
 */
@Service
public class EndOversoldAgreement {

    private static final Logger log = LoggerFactory.getLogger(EndOversoldAgreement.class);

    private final Agreements agreements;
    private final MoveAgreement move;
    private final EscrowRecords escrow;

    EndOversoldAgreement(Agreements agreements, MoveAgreement move, EscrowRecords escrow) {
        this.agreements = agreements;
        this.move = move;
        this.escrow = escrow;
    }

    /** Applies the marketplace's refusal; must run in the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Agreement> refused(CapacityReservationRefused refusal) {
        Optional<Agreement> found = agreements.find(new AgreementId(refusal.agreementId()));
        if (found.isEmpty()) {
            log.warn("capacity refused for agreement {}, which is not ours: ignored", refusal.agreementId());
            return Optional.empty();
        }
        Agreement agreement = found.get();
        if (!agreement.dataUnitId().equals(refusal.dataUnitId())) {
            log.warn("capacity refused for agreement {} on data unit {}, but it is on {}: ignored", refusal.agreementId(),
                    refusal.dataUnitId(), agreement.dataUnitId());
            return Optional.empty();
        }
        String reason = "the marketplace could not reserve " + refusal.bytes() + " bytes on data unit " + refusal.dataUnitId() + ": "
                + refusal.reason();
        return switch (agreement.state()) {
            case ACCEPTED -> Optional.of(move.move(agreement, AgreementState.REJECTED, reason));
            case FUNDED -> Optional.of(move.move(agreement, AgreementState.BREACHED_BY_PROVIDER, reason, escrow.matchedFunding(agreement.id())));
            default -> {
                log.info("capacity refused for agreement {}, which is {}: nothing changes ({})", refusal.agreementId(), agreement.state(),
                        refusal.reason());
                yield Optional.empty();
            }
        };
    }
}
