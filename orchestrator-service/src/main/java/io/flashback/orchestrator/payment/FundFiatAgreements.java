package io.flashback.orchestrator.payment;

import io.flashback.orchestrator.agreement.Agreement;
import io.flashback.orchestrator.agreement.AgreementState;
import io.flashback.orchestrator.lifecycle.EscrowFacts;
import io.flashback.orchestrator.lifecycle.FiatFunding;
import io.flashback.orchestrator.lifecycle.MoveAgreement;
import io.flashback.orchestrator.order.Order;
import io.flashback.orchestrator.order.Orders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A paid invoice funds its order's accepted agreements: each reserves its share of the payment (consumer balance →
 * agreement reserve) and becomes FUNDED, and then ACTIVE with its data-access grant through the same move a crypto
 * agreement takes when its provider locks collateral — fiat agreements have no collateral to wait for (ADR 0006).
 * An agreement still REQUESTED is funded the same way when its provider accepts it. Runs in the caller's transaction.
 */
public final class FundFiatAgreements implements FiatFunding {

    private static final Logger log = LoggerFactory.getLogger(FundFiatAgreements.class);

    private final Orders orders;
    private final Invoices invoices;
    private final FiatAgreements fiatAgreements;
    private final Ledger ledger;
    private final EpochSchedules schedules;
    private final MoveAgreement move;
    private final WarnOfLowFunds lowFunds;
    private final Clock clock;

    public FundFiatAgreements(Orders orders, Invoices invoices, FiatAgreements fiatAgreements, Ledger ledger, EpochSchedules schedules,
                              MoveAgreement move, WarnOfLowFunds lowFunds, Clock clock) {
        this.orders = orders;
        this.invoices = invoices;
        this.fiatAgreements = fiatAgreements;
        this.ledger = ledger;
        this.schedules = schedules;
        this.move = move;
        this.lowFunds = lowFunds;
        this.clock = clock;
    }

    @Override
    public Agreement fundIfPaid(Agreement accepted) {
        if (accepted.state() != AgreementState.ACCEPTED) {
            return accepted;
        }
        Optional<Invoice> paid = invoices.ofOrder(accepted.orderId()).filter(invoice -> invoice.state() == Invoice.State.PAID);
        if (paid.isEmpty()) {
            return accepted;
        }
        return fund(accepted, orders.find(accepted.orderId()).orElseThrow(), paid.get());
    }

    /** Funds every ACCEPTED agreement of the order the invoice was paid for; returns all its agreements as they are now. */
    public List<Agreement> fundOrder(Invoice paid) {
        Order order = orders.find(paid.orderId()).orElseThrow();
        List<Agreement> now = new ArrayList<>();
        for (Agreement agreement : order.agreements()) {
            now.add(agreement.state() == AgreementState.ACCEPTED ? fund(agreement, order, paid) : agreement);
        }
        return now;
    }

    private Agreement fund(Agreement accepted, Order order, Invoice invoice) {
        if (fiatAgreements.find(accepted.id().value()).isPresent()) {
            return accepted;
        }
        OrderReserves.Share share = OrderReserves.of(invoice.amount(), order.agreements()).of(accepted.id().value()).orElseThrow();
        Instant now = clock.instant();
        FiatAgreement fiat = new FiatAgreement(accepted.id().value(), order.id(), invoice.id(), accepted.consumerId(), accepted.providerId(),
                share.reserve(), share.fee(), schedules.scheduleFor(accepted, now), now, Optional.empty());
        try {
            ledger.post(FiatBookkeeping.agreementFunded(fiat, invoice.reference(), now));
        } catch (Overdrawn e) {
            // The paid invoice put at least the order's total into the consumer's balance and only this order's
            // agreements draw on it, so this means the books are off; the agreement stays unfunded and visible.
            log.error("agreement {} not funded from paid invoice {}: {}", accepted.id().value(), invoice.reference(), e.getMessage());
            return accepted;
        }
        fiatAgreements.add(fiat);
        EscrowFacts facts = fiat.facts(order.consumerWallet());
        Agreement funded = move.move(accepted, AgreementState.FUNDED, "paid by invoice " + invoice.reference() + " (" + share.reserve()
                + " reserved)", Optional.of(facts));
        Agreement active = move.move(funded, AgreementState.ACTIVE, "paid in fiat, so no collateral is locked on chain; data-access grant issued",
                Optional.of(facts));
        lowFunds.check(fiat, share.reserve(), 0);
        return active;
    }
}
