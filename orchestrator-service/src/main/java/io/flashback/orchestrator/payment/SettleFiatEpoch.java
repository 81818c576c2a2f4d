package io.flashback.orchestrator.payment;

import io.flashback.chain.AgreementId;
import io.flashback.chain.Bytes32;
import io.flashback.chain.ChainException;
import io.flashback.chain.EpochResult;
import io.flashback.chain.merkle.MerkleTree;
import io.flashback.chain.merkle.ResultLeaves;
import io.flashback.events.oracle.SlaVerdictReached;
import io.flashback.orchestrator.agreement.Agreement;
import io.flashback.orchestrator.agreement.AgreementState;
import io.flashback.orchestrator.agreement.Agreements;
import io.flashback.orchestrator.lifecycle.MoveAgreement;
import io.flashback.orchestrator.order.Order;
import io.flashback.orchestrator.order.Orders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What the SlaEscrow does on chain for a crypto agreement, the ledger does for a fiat one — and by the same evidence:
 * an epoch settles only by the k-of-n result posted on OracleHub (issue #13 H3, issue #12 item 10), never by one
 * validator's word. A verdict that arrives is kept as provisional ({@link FiatVerdicts}); once the epoch's root is posted
 * (read from the hub, never from the event), the first verdict whose result leaf
 * ({@code SlaEscrow.resultLeaf(escrow, agreementId, epoch, signedAvailabilityPpm)}) is proven against that root settles
 * the epoch: its price leaves the reserve for the provider's payable and the platform's fees, and the credit the
 * agreement's terms give for the proven availability — not the credit the verdict claims — goes back to the consumer's
 * balance and on to the consumer through the payment provider (a refund, sent by {@link SendRefunds}). A verdict whose
 * leaf is not in the posted root is refused; another proven verdict, or the same one again, changes nothing (the
 * settlement is unique per agreement and epoch in the database). Once every epoch is settled the agreement is
 * COMPLETED. Verdicts on escrow agreements are the escrow's business and pass by. Runs in the caller's transaction.
 */
public final class SettleFiatEpoch {

    private static final Logger log = LoggerFactory.getLogger(SettleFiatEpoch.class);

    private final FiatAgreements fiatAgreements;
    private final FiatVerdicts verdicts;
    private final PostedEpochRoots roots;
    private final Agreements agreements;
    private final Orders orders;
    private final Invoices invoices;
    private final Refunds refunds;
    private final Ledger ledger;
    private final MoveAgreement move;
    private final WarnOfLowFunds lowFunds;
    private final Clock clock;

    public SettleFiatEpoch(FiatAgreements fiatAgreements, FiatVerdicts verdicts, PostedEpochRoots roots, Agreements agreements, Orders orders,
                           Invoices invoices, Refunds refunds, Ledger ledger, MoveAgreement move, WarnOfLowFunds lowFunds, Clock clock) {
        this.fiatAgreements = fiatAgreements;
        this.verdicts = verdicts;
        this.roots = roots;
        this.agreements = agreements;
        this.orders = orders;
        this.invoices = invoices;
        this.refunds = refunds;
        this.ledger = ledger;
        this.move = move;
        this.lowFunds = lowFunds;
        this.clock = clock;
    }

    /**
     * Keeps a verdict on a fiat agreement's epoch as provisional, and settles the epoch if its root is posted already;
     * true when the epoch was settled now.
     */
    public boolean receive(SlaVerdictReached verdict) {
        Optional<UUID> id = FiatAgreementNumber.agreementOf(verdict.agreementId()).filter(a -> fiatAgreements.find(a).isPresent());
        if (id.isEmpty()) {
            return false;
        }
        if (!verdicts.add(FiatVerdict.arrived(verdict, id.get(), clock.instant()))) {
            return false;
        }
        return settlePosted(id.get(), verdict.epoch());
    }

    /**
     * Decides the agreement's epoch's waiting verdicts if the epoch's root is posted on OracleHub: settles the epoch by the
     * first one proven against it, refuses the unproven. Nothing happens while no root is posted or the chain is away.
     * True when the epoch was settled now.
     */
    public boolean settlePosted(UUID agreementId, long epoch) {
        Optional<FiatAgreement> found = fiatAgreements.lock(agreementId);
        if (found.isEmpty()) {
            return false;
        }
        FiatAgreement fiat = found.get();
        List<FiatVerdict> waiting = verdicts.provisional(agreementId, epoch);
        if (waiting.isEmpty()) {
            return false;
        }
        Optional<Bytes32> posted;
        try {
            posted = roots.rootOf(epoch);
        } catch (ChainException e) {
            log.warn("epoch {} of agreement {}: OracleHub not readable ({}); its {} verdicts stay provisional", epoch, agreementId, e.getMessage(),
                    waiting.size());
            return false;
        }
        if (posted.isEmpty()) {
            log.debug("epoch {} of agreement {}: no root posted on OracleHub yet; {} verdicts provisional", epoch, agreementId, waiting.size());
            return false;
        }
        Bytes32 root = posted.get();
        Instant now = clock.instant();
        boolean settled = false;
        for (FiatVerdict verdict : waiting) {
            Optional<String> unproven = unproven(fiat, verdict, root);
            if (unproven.isPresent()) {
                log.warn("verdict {} of validator {} on epoch {} of agreement {} refused: {}", verdict.eventId(), verdict.validator(), epoch,
                        agreementId, unproven.get());
                verdicts.close(verdict.eventId(), FiatVerdict.State.REFUSED, unproven.get(), now);
            } else {
                settled |= settleProven(fiat, verdict, root, now);
            }
        }
        return settled;
    }

    /** Why the verdict's result is not the posted one; empty when its leaf is proven against the posted root. */
    private Optional<String> unproven(FiatAgreement fiat, FiatVerdict verdict, Bytes32 root) {
        List<Bytes32> proof;
        try {
            proof = verdict.resultProof().stream().map(Bytes32::new).toList();
        } catch (IllegalArgumentException e) {
            return Optional.of("its result proof is malformed (" + e.getMessage() + ")");
        }
        Bytes32 leaf = ResultLeaves.leaf(roots.escrow(), new EpochResult(new AgreementId(fiat.number()), verdict.epoch(),
                verdict.signedAvailabilityPpm()));
        if (!MerkleTree.verify(proof, root, leaf)) {
            return Optional.of("its result (" + verdict.signedAvailabilityPpm() + " ppm) is not a leaf of the root " + root
                    + " the validators' quorum posted on OracleHub for epoch " + verdict.epoch()
                    + "; a fiat epoch settles only by the posted k-of-n result");
        }
        return Optional.empty();
    }

    private boolean settleProven(FiatAgreement fiat, FiatVerdict verdict, Bytes32 root, Instant now) {
        UUID id = fiat.agreementId();
        long epoch = verdict.epoch();
        if (!fiat.schedule().contains(epoch)) {
            verdicts.close(verdict.eventId(), FiatVerdict.State.MOOT, "epoch " + epoch + " is outside the agreement's epochs "
                    + fiat.schedule().startEpoch() + "+" + fiat.schedule().epochs(), now);
            return false;
        }
        Agreement agreement = agreements.find(new io.flashback.orchestrator.agreement.AgreementId(id)).orElseThrow();
        if (agreement.state() != AgreementState.ACTIVE) {
            verdicts.close(verdict.eventId(), FiatVerdict.State.MOOT, "the agreement is " + agreement.state(), now);
            return false;
        }
        // the credit the terms give for the availability the quorum vouched for; the verdict's own creditPct is not in the leaf
        BigDecimal creditPct = agreement.terms().creditFor(verdict.availabilityPct());
        FiatAgreement.EpochSplit split = fiat.split(epoch, creditPct);
        if (!fiatAgreements.recordSettlement(new EpochSettlement(id, split, verdict.eventId(), now))) {
            verdicts.close(verdict.eventId(), FiatVerdict.State.CONFIRMED, "proven against root " + root + "; the epoch was settled before", now);
            return false;
        }
        verdicts.close(verdict.eventId(), FiatVerdict.State.SETTLED, "proven against root " + root + " posted on OracleHub", now);
        FiatBookkeeping.epochSettled(fiat, split, now).ifPresent(ledger::post);
        if (split.credit().isPositive()) {
            Invoice invoice = invoices.find(fiat.invoiceId()).orElseThrow();
            Refund refund = Refund.requested(fiat, invoice, epoch, split.credit(), "SLA credit of "
                    + split.creditPct().stripTrailingZeros().toPlainString() + " % for epoch " + epoch + " of agreement " + id + " (availability "
                    + verdict.availabilityPct().stripTrailingZeros().toPlainString() + " % as posted by the oracle quorum"
                    + (verdict.breaches().isBlank() ? "" : "; " + verdict.breaches()) + ")", now);
            refunds.add(refund);
            ledger.post(FiatBookkeeping.refundRequested(refund, now));
        }
        int settled = fiatAgreements.settledEpochs(id);
        lowFunds.check(fiat, ledger.balance(LedgerAccount.reserve(id, fiat.currency())), settled);
        if (settled == fiat.schedule().epochs()) {
            String wallet = orders.find(fiat.orderId()).map(Order::consumerWallet).orElse("");
            move.move(agreement, AgreementState.COMPLETED, "every epoch settled in the fiat ledger, the last by the posted result of epoch "
                    + epoch + " (verdict " + verdict.eventId() + ")", Optional.of(fiat.facts(wallet)));
        }
        return true;
    }
}
