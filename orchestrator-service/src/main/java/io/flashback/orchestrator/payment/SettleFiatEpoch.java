package io.flashback.orchestrator.payment;

import io.flashback.events.oracle.SlaVerdictReached;
import io.flashback.orchestrator.agreement.Agreement;
import io.flashback.orchestrator.agreement.AgreementId;
import io.flashback.orchestrator.agreement.AgreementState;
import io.flashback.orchestrator.agreement.Agreements;
import io.flashback.orchestrator.lifecycle.MoveAgreement;
import io.flashback.orchestrator.order.Order;
import io.flashback.orchestrator.order.Orders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * What the SlaEscrow does on chain for a crypto agreement, the ledger does for a fiat one when the oracle's verdict
 * on an epoch arrives: the epoch's price leaves the reserve for the provider's payable and the platform's fees, and
 * the SLA credit goes back to the consumer's balance and on to the consumer through the payment provider (a refund,
 * sent by {@link SendRefunds}). The first verdict on an epoch settles it; another validator's verdict on the same
 * epoch, or the same verdict again, changes nothing. Once every epoch is settled the agreement is COMPLETED.
 * Verdicts on escrow agreements are the escrow's business and pass by. Runs in the caller's transaction.
 */
public final class SettleFiatEpoch {

    private static final Logger log = LoggerFactory.getLogger(SettleFiatEpoch.class);

    private final FiatAgreements fiatAgreements;
    private final Agreements agreements;
    private final Orders orders;
    private final Invoices invoices;
    private final Refunds refunds;
    private final Ledger ledger;
    private final MoveAgreement move;
    private final WarnOfLowFunds lowFunds;
    private final Clock clock;

    public SettleFiatEpoch(FiatAgreements fiatAgreements, Agreements agreements, Orders orders, Invoices invoices, Refunds refunds, Ledger ledger,
                           MoveAgreement move, WarnOfLowFunds lowFunds, Clock clock) {
        this.fiatAgreements = fiatAgreements;
        this.agreements = agreements;
        this.orders = orders;
        this.invoices = invoices;
        this.refunds = refunds;
        this.ledger = ledger;
        this.move = move;
        this.lowFunds = lowFunds;
        this.clock = clock;
    }

    /** Settles the verdict's epoch if it is a fiat agreement's; true when this verdict settled it. */
    public boolean settle(SlaVerdictReached verdict) {
        Optional<FiatAgreement> found = FiatAgreementNumber.agreementOf(verdict.agreementId()).flatMap(fiatAgreements::lock);
        if (found.isEmpty()) {
            return false;
        }
        FiatAgreement fiat = found.get();
        UUID id = fiat.agreementId();
        if (!fiat.schedule().contains(verdict.epoch())) {
            log.warn("verdict {} on epoch {} of agreement {} is outside its epochs {}+{}; nothing settled", verdict.eventId(), verdict.epoch(), id,
                    fiat.schedule().startEpoch(), fiat.schedule().epochs());
            return false;
        }
        Agreement agreement = agreements.find(new AgreementId(id)).orElseThrow();
        if (agreement.state() != AgreementState.ACTIVE) {
            log.info("verdict {} on epoch {} of agreement {}: the agreement is {}, nothing settled", verdict.eventId(), verdict.epoch(), id,
                    agreement.state());
            return false;
        }
        FiatAgreement.EpochSplit split = fiat.split(verdict.epoch(), verdict.creditPct());
        Instant now = clock.instant();
        if (!fiatAgreements.recordSettlement(new EpochSettlement(id, split, verdict.eventId(), now))) {
            return false;
        }
        FiatBookkeeping.epochSettled(fiat, split, now).ifPresent(ledger::post);
        if (split.credit().isPositive()) {
            Invoice invoice = invoices.find(fiat.invoiceId()).orElseThrow();
            Refund refund = Refund.requested(fiat, invoice, verdict.epoch(), split.credit(), "SLA credit of "
                    + split.creditPct().stripTrailingZeros().toPlainString() + " % for epoch " + verdict.epoch() + " of agreement " + id + " ("
                    + verdict.outcome() + (verdict.breaches() == null || verdict.breaches().isBlank() ? "" : ": " + verdict.breaches()) + ")", now);
            refunds.add(refund);
            ledger.post(FiatBookkeeping.refundRequested(refund, now));
        }
        int settled = fiatAgreements.settledEpochs(id);
        lowFunds.check(fiat, ledger.balance(LedgerAccount.reserve(id, fiat.currency())), settled);
        if (settled == fiat.schedule().epochs()) {
            String wallet = orders.find(fiat.orderId()).map(Order::consumerWallet).orElse("");
            move.move(agreement, AgreementState.COMPLETED, "every epoch settled in the fiat ledger, the last by verdict " + verdict.eventId()
                    + " on epoch " + verdict.epoch(), Optional.of(fiat.facts(wallet)));
        }
        return true;
    }
}
