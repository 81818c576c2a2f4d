package io.flashback.orchestrator.web;

import io.flashback.chain.AgreementTerms;
import io.flashback.orchestrator.agreement.Agreement;
import io.flashback.orchestrator.agreement.Transition;
import io.flashback.orchestrator.lifecycle.AcceptanceRules;
import io.flashback.orchestrator.order.Order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the endpoints answer: plain values, independent of the domain types' shape. */
final class Views {

    private Views() {
    }

    /**
     * @param reserveRemaining what is left of a fiat agreement's prepaid reserve (null for crypto agreements)
     * @param fundsLowSince    since when a fiat agreement's reserve pays for fewer epochs than the warning threshold (null when not)
     */
    record AgreementView(UUID id, UUID orderId, UUID consumerId, UUID providerId, UUID dataUnitId, String nodeId, long capacityBytes,
                         int termDays, String currency, BigDecimal price, String state, Instant stateSince, BigDecimal availabilityTargetPct,
                         String escrowAgreementId, String fundingRefused, BigDecimal reserveRemaining, Instant fundsLowSince) {

        static AgreementView of(Agreement agreement, String escrowAgreementId, String fundingRefused) {
            return of(agreement, escrowAgreementId, fundingRefused, null, null);
        }

        static AgreementView of(Agreement agreement, String escrowAgreementId, String fundingRefused, BigDecimal reserveRemaining,
                                Instant fundsLowSince) {
            return new AgreementView(agreement.id().value(), agreement.orderId(), agreement.consumerId(), agreement.providerId(),
                    agreement.dataUnitId(), agreement.nodeId(), agreement.capacityBytes(), agreement.termDays(), agreement.currency(),
                    agreement.price(), agreement.state().name(), agreement.stateSince(), agreement.terms().availabilityTargetPct(),
                    escrowAgreementId, fundingRefused, reserveRemaining, fundsLowSince);
        }
    }

    record OrderView(UUID id, UUID quoteId, String currency, BigDecimal total, String paymentMethod, Instant createdAt,
                     List<AgreementView> agreements) {

        static OrderView of(Order order) {
            return new OrderView(order.id(), order.quoteId(), order.currency(), order.total(), order.paymentMethod(), order.createdAt(),
                    order.agreements().stream().map(agreement -> AgreementView.of(agreement, null, null)).toList());
        }
    }

    record TransitionView(String from, String to, String reason, Instant at) {

        static TransitionView of(Transition transition) {
            return new TransitionView(transition.from() == null ? null : transition.from().name(), transition.to().name(), transition.reason(),
                    transition.at());
        }
    }

    record CreditTierView(int belowPpm, int creditBps) {
    }

    /** The exact {@code SlaEscrow.createAgreement} arguments the consumer's wallet sends to fund an agreement. */
    record EscrowTermsView(String escrow, String reference, String consumer, String nodeId, String token, String pricePerEpoch, int epochs,
                           long startEpoch, String collateral, int slashBelowPpm, String slashAmount, List<CreditTierView> creditTiers,
                           String total) {

        static EscrowTermsView of(String escrow, AgreementTerms terms) {
            return new EscrowTermsView(escrow, terms.reference().toString(), terms.consumer().value(), terms.nodeId().toString(),
                    terms.token().value(), terms.pricePerEpoch().toString(), terms.epochs(), terms.startEpoch(), terms.collateral().toString(),
                    terms.slashBelowPpm(), terms.slashAmount().toString(),
                    terms.creditTiers().stream().map(tier -> new CreditTierView(tier.belowPpm(), tier.creditBps())).toList(),
                    terms.totalPrice().toString());
        }
    }

    record RulesView(String mode, String currency, BigDecimal minPricePerGibMonth, long maxCapacityBytes, int minTermDays, int maxTermDays,
                     Instant updatedAt) {

        static RulesView of(AcceptanceRules rules) {
            return new RulesView(rules.mode().name(), rules.currency(), rules.minPricePerGibMonth(), rules.maxCapacityBytes(), rules.minTermDays(),
                    rules.maxTermDays(), rules.updatedAt());
        }
    }
}
