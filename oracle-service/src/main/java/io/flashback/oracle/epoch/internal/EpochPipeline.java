package io.flashback.oracle.epoch.internal;

import io.flashback.chain.Address;
import io.flashback.chain.Agreement;
import io.flashback.chain.AgreementId;
import io.flashback.chain.AgreementStatus;
import io.flashback.chain.Bytes32;
import io.flashback.chain.ChainException;
import io.flashback.chain.EpochReport;
import io.flashback.chain.EpochResult;
import io.flashback.chain.OracleHub;
import io.flashback.chain.ProvenResult;
import io.flashback.chain.Signature;
import io.flashback.chain.SlaEscrow;
import io.flashback.chain.TxOutcome;
import io.flashback.chain.ValidatorSet;
import io.flashback.chain.deploy.AddressBook;
import io.flashback.chain.eip712.Eip712Domain;
import io.flashback.chain.eip712.EpochReports;
import io.flashback.chain.merkle.EpochResultTree;
import io.flashback.events.oracle.EpochRootSigned;
import io.flashback.events.oracle.SlaVerdictReached;
import io.flashback.events.outbox.Outbox;
import io.flashback.oracle.epoch.AgreementJudgment;
import io.flashback.oracle.epoch.EpochLedger;
import io.flashback.oracle.epoch.EpochRecord;
import io.flashback.oracle.epoch.EpochState;
import io.flashback.oracle.epoch.Epochs;
import io.flashback.oracle.epoch.JudgeEpoch;
import io.flashback.oracle.epoch.JudgedEpoch;
import io.flashback.oracle.epoch.Quorum;
import io.flashback.oracle.epoch.SignatureRecord;
import io.flashback.oracle.epoch.SignedAvailability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * One validator's per-epoch pipeline: judge finished epochs, sign their roots, and — once k validators
 * signed the same root — report it to OracleHub and settle the agreements in batches.
 * <p>
 * Every step stores its outcome before the next step starts, and every chain step asks the chain
 * first (root already posted? agreement already past this epoch?), so a pipeline restarted on the same
 * database after a crash at any point carries on without sending anything twice; the chain adapters'
 * transaction journal covers a crash between broadcasting a transaction and seeing it mined. Epochs go
 * on chain strictly in order (the hub refuses earlier epochs once a later one is reported, the escrow
 * settles each agreement's epochs in order): a chain outage stops the pass at the first epoch it
 * blocks, judging and signing carry on, and the next pass catches up.
 */
public final class EpochPipeline {

    private static final Logger log = LoggerFactory.getLogger(EpochPipeline.class);

    /**
     * @param judgmentDelay   how long after an epoch's end its late inputs may still arrive before it is judged
     * @param takeoverAfter   how long after k signatures met a validator other than the designated one reports and settles itself
     * @param settleBatchSize agreements per settleBatch transaction (~100 stay under the 5 M gas ceiling)
     * @param maxEpochsPerPass epochs judged per pass, so a long outage catches up in steps
     * @param firstEpoch      the first epoch to judge on an empty database; negative: the hub's next reportable epoch
     */
    public record Settings(Duration judgmentDelay, Duration takeoverAfter, int settleBatchSize, int maxEpochsPerPass, long firstEpoch) {
    }

    private final ECKeyPair key;
    private final Address validator;
    private final AddressBook book;
    private final Epochs epochs;
    private final JudgeEpoch judge;
    private final EpochLedger ledger;
    private final TransactionTemplate transactions;
    private final Outbox outbox;
    private final OracleHub hub;
    private final SlaEscrow escrow;
    private final Clock clock;
    private final Settings settings;
    private final Eip712Domain domain;
    private volatile ValidatorSet validators;

    public EpochPipeline(ECKeyPair key, AddressBook book, Epochs epochs, JudgeEpoch judge, EpochLedger ledger, TransactionTemplate transactions,
                         Outbox outbox, OracleHub hub, SlaEscrow escrow, Clock clock, Settings settings) {
        this.key = key;
        this.validator = Address.of(Keys.getAddress(key));
        this.book = book;
        this.epochs = epochs;
        this.judge = judge;
        this.ledger = ledger;
        this.transactions = transactions;
        this.outbox = outbox;
        this.hub = hub;
        this.escrow = escrow;
        this.clock = clock;
        this.settings = settings;
        this.domain = Eip712Domain.oracleHub(book.chainId(), book.oracleHub());
        this.validators = new ValidatorSet(book.validators(), book.threshold());
    }

    public Address validator() {
        return validator;
    }

    /** One pass: judge, sign, then report and settle as far as the chain and the other validators allow. */
    public void advance() {
        judge();
        sign();
        try {
            post();
        } catch (ChainException.Unavailable | ChainException.TimedOut e) {
            log.warn("chain not reachable, epochs wait for the next pass: {}", e.getMessage());
        }
    }

    /** Judges every finished epoch not judged yet, oldest first; returns how many. */
    public int judge() {
        long last = epochs.lastFinished(clock.instant(), settings.judgmentDelay());
        OptionalLong known = ledger.lastEpoch();
        long next;
        if (known.isPresent()) {
            next = known.getAsLong() + 1;
        } else if (settings.firstEpoch() >= 0) {
            next = settings.firstEpoch();
        } else {
            try {
                // epochs before the hub's oldest reportable one can never be reported any more
                next = hub.oldestReportableEpoch();
            } catch (ChainException.Unavailable | ChainException.TimedOut e) {
                log.warn("chain not reachable, cannot choose the first epoch yet: {}", e.getMessage());
                return 0;
            }
        }
        int judged = 0;
        for (long epoch = next; epoch <= last && judged < settings.maxEpochsPerPass(); epoch++, judged++) {
            JudgedEpoch result = judge.judge(epoch);
            Instant now = clock.instant();
            transactions.executeWithoutResult(status -> {
                ledger.recordJudgment(result, validator, now);
                result.judgments().forEach(j -> outbox.publish(verdict(result, j, now)));
            });
            log.info("epoch {} judged: {} agreements, root {}", epoch, result.judgments().size(), result.root().map(Bytes32::value).orElse("-"));
        }
        return judged;
    }

    /** Signs every judged epoch's root and publishes the signature for the other validators. */
    public void sign() {
        for (EpochRecord record : ledger.unfinished()) {
            if (record.state() != EpochState.JUDGED) {
                continue;
            }
            Bytes32 root = record.root().orElseThrow();
            Signature signature = EpochReports.sign(new EpochReport(record.epoch(), root), domain, key);
            Instant now = clock.instant();
            transactions.executeWithoutResult(status -> {
                ledger.recordSignature(new SignatureRecord(record.epoch(), root, validator, signature), now);
                outbox.publish(new EpochRootSigned(UUID.randomUUID(), now, book.chainId(), book.oracleHub().value(), book.escrow().value(),
                        record.epoch(), root.value(), record.agreements(), validator.value(), signature.value()));
                ledger.advance(record.epoch(), EpochState.JUDGED, EpochState.SIGNED, now);
            });
        }
    }

    /** Reports and settles signed epochs in order, stopping at the first one that cannot finish yet. */
    public void post() {
        refreshValidators();
        for (EpochRecord record : ledger.unfinished()) {
            if (record.state() == EpochState.JUDGED || !postOne(record)) {
                return;
            }
        }
    }

    private void refreshValidators() {
        try {
            validators = hub.validatorSet();
        } catch (ChainException.Unavailable | ChainException.TimedOut e) {
            // keep the last known set: quorum can still be recognised while the chain is away
        }
    }

    /** True when the epoch reached a final state. */
    private boolean postOne(EpochRecord record) {
        long epoch = record.epoch();
        Bytes32 root = record.root().orElseThrow();
        if (record.state() == EpochState.SIGNED) {
            Optional<Quorum> quorum = Quorum.reach(root, ledger.signatures(epoch), validators);
            Optional<Bytes32> posted = hub.rootOf(epoch);
            if (posted.isPresent() && !posted.get().equals(root)) {
                log.warn("epoch {}: the hub holds root {}, this validator signed {}; settling nothing", epoch, posted.get(), root);
                ledger.advance(epoch, EpochState.SIGNED, EpochState.DISAGREED, clock.instant());
                return true;
            }
            if (posted.isEmpty()) {
                if (hub.oldestReportableEpoch() > epoch) {
                    log.warn("epoch {}: its report window on the hub closed without a report", epoch);
                    ledger.advance(epoch, EpochState.SIGNED, EpochState.MISSED, clock.instant());
                    return true;
                }
                if (quorum.isEmpty()) {
                    return false;
                }
                transactions.executeWithoutResult(status -> ledger.recordQuorum(epoch, quorum.get(), clock.instant()));
                // finished by this validator's clock: the hub's own currentEpoch() is read at the latest block, whose time
                // stands still on a chain that mines only on demand (anvil), so it would never let a quiet chain's epoch end;
                // if the chain's clock does lag, the report reverts with EpochNotFinished and the next pass tries again
                if (!designated(ledger.epoch(epoch)) || clock.instant().isBefore(epochs.end(epoch))) {
                    return false;
                }
                TxOutcome outcome;
                try {
                    outcome = hub.submitReport(new EpochReport(epoch, root), quorum.get().signatures().stream().map(SignatureRecord::signature).toList());
                } catch (ChainException.Reverted e) {
                    // another validator got there first (or the chain's clock lags ours): look again next pass
                    log.info("epoch {}: report not accepted now ({})", epoch, e.error());
                    return false;
                }
                if (outcome instanceof TxOutcome.Mined mined) {
                    ledger.recordReport(epoch, mined.transactionHash(), mined.gasUsed());
                    log.info("epoch {} reported with root {} ({} gas)", epoch, root, mined.gasUsed());
                }
            } else {
                // reported by another validator with our root
                transactions.executeWithoutResult(status -> ledger.recordQuorum(epoch, quorum.orElse(null), clock.instant()));
            }
            ledger.advance(epoch, EpochState.SIGNED, EpochState.REPORTED, clock.instant());
        }
        return settle(ledger.epoch(epoch));
    }

    private boolean designated(EpochRecord record) {
        if (record.submitter().filter(validator::equals).isPresent()) {
            return true;
        }
        return record.quorumAt().filter(at -> !clock.instant().isBefore(at.plus(settings.takeoverAfter()))).isPresent();
    }

    private boolean settle(EpochRecord record) {
        long epoch = record.epoch();
        List<EpochResult> pending = ledger.pendingSettlement(epoch);
        boolean designated = designated(record);
        EpochResultTree tree = null;
        for (int from = 0; from < pending.size(); from += settings.settleBatchSize()) {
            List<EpochResult> chunk = pending.subList(from, Math.min(pending.size(), from + settings.settleBatchSize()));
            List<AgreementId> alreadySettled = new ArrayList<>();
            List<EpochResult> open = new ArrayList<>();
            for (EpochResult result : chunk) {
                Optional<Agreement> agreement = escrow.agreement(result.agreementId());
                if (designated && agreement.isPresent() && agreement.get().status() == AgreementStatus.ACTIVE
                        && agreement.get().nextEpochToSettle() < epoch) {
                    agreement = settleUnreportedBefore(agreement.get(), epoch);
                }
                String unsettleable = null;
                if (agreement.isEmpty()) {
                    unsettleable = "unknown to the escrow";
                } else if (agreement.get().nextEpochToSettle() > epoch) {
                    alreadySettled.add(result.agreementId());
                } else if (agreement.get().status() != AgreementStatus.ACTIVE) {
                    unsettleable = "agreement is " + agreement.get().status();
                } else if (agreement.get().nextEpochToSettle() < epoch) {
                    unsettleable = "epoch " + agreement.get().nextEpochToSettle() + " is unsettled and the escrow settles in order";
                } else {
                    open.add(result);
                }
                if (unsettleable != null) {
                    String reason = unsettleable;
                    transactions.executeWithoutResult(status -> ledger.markNotSettleable(epoch, result.agreementId(), reason));
                }
            }
            if (!alreadySettled.isEmpty()) {
                transactions.executeWithoutResult(status -> ledger.markSettled(epoch, alreadySettled, "found settled on chain"));
            }
            if (open.isEmpty()) {
                continue;
            }
            if (!designated) {
                return false;
            }
            if (tree == null) {
                tree = EpochResultTree.build(book.escrow(), epoch, ledger.results(epoch));
                if (!tree.root().equals(record.root().orElseThrow())) {
                    throw new IllegalStateException("epoch " + epoch + ": stored results no longer give the signed root");
                }
            }
            EpochResultTree proofs = tree;
            List<ProvenResult> proven = open.stream().map(r -> proofs.proven(r.agreementId()).orElseThrow()).toList();
            TxOutcome outcome = escrow.settleBatch(epoch, proven);
            List<AgreementId> ids = open.stream().map(EpochResult::agreementId).toList();
            transactions.executeWithoutResult(status -> {
                if (outcome instanceof TxOutcome.Mined mined) {
                    ledger.recordSettlementGas(epoch, mined.gasUsed());
                    ledger.markSettled(epoch, ids, "settled in " + mined.transactionHash());
                } else if (outcome instanceof TxOutcome.AlreadyApplied applied) {
                    ledger.markSettled(epoch, ids, applied.reason());
                }
            });
            log.info("epoch {}: settled {} agreements ({})", epoch, ids.size(), outcome);
        }
        if (!ledger.pendingSettlement(epoch).isEmpty()) {
            return false;
        }
        ledger.advance(epoch, EpochState.REPORTED, EpochState.SETTLED, clock.instant());
        return true;
    }

    /**
     * Settles by the escrow's default the agreement's epochs before {@code epoch} that the hub holds no
     * report for after the escrow's settlement grace (#13 M6: the consumer is refunded, the provider
     * paid nothing), so that a missed epoch does not keep the agreement from settling {@code epoch}.
     */
    private Optional<Agreement> settleUnreportedBefore(Agreement agreement, long epoch) {
        for (long missed = agreement.nextEpochToSettle(); missed < epoch; missed++) {
            if (hub.rootOf(missed).isPresent() || clock.instant().isBefore(epochs.end(missed + book.settlementGraceEpochs()))) {
                break;
            }
            try {
                TxOutcome outcome = escrow.settleUnreported(missed, List.of(agreement.id()));
                log.info("epoch {}: never reported, agreement {} settled by the escrow's default ({})", missed, agreement.id(), outcome);
            } catch (ChainException.Reverted e) {
                // the chain's clock may lag ours: the grace is not over there yet; look again next pass
                log.info("epoch {}: agreement {} not settleable by default now ({})", missed, agreement.id(), e.error());
                break;
            }
        }
        return escrow.agreement(agreement.id());
    }

    private SlaVerdictReached verdict(JudgedEpoch epoch, AgreementJudgment j, Instant now) {
        var v = j.verdict();
        return new SlaVerdictReached(UUID.randomUUID(), now, book.escrow().value(), j.agreement().id().toString(), epoch.epoch(),
                epoch.start(), epoch.end(), v.outcome().name(), SignedAvailability.measuredPpm(v), j.result().availabilityPpm(),
                BigDecimal.valueOf(v.averageLatencyMs()), BigDecimal.valueOf(v.uploadMbps()), BigDecimal.valueOf(v.downloadMbps()),
                BigDecimal.valueOf(v.auditPassRatePct()), BigDecimal.valueOf(v.creditPct()), v.slash(),
                v.breaches().stream().map(Enum::name).collect(Collectors.joining(",")), String.join(",", v.flags()), j.inputsDigest(),
                epoch.root().orElseThrow().value(), validator.value(), resultProof(epoch, j));
    }

    /** The verdict's leaf proven against the epoch's root, so the fiat ledger can check it against the root k validators posted. */
    private static List<String> resultProof(JudgedEpoch epoch, AgreementJudgment j) {
        return epoch.tree().orElseThrow().proven(j.result().agreementId()).orElseThrow().proof().stream().map(Bytes32::value).toList();
    }
}
