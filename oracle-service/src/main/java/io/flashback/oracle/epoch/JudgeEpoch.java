package io.flashback.oracle.epoch;

import io.flashback.chain.Address;
import io.flashback.chain.EpochResult;
import io.flashback.chain.merkle.EpochResultTree;
import io.flashback.oracle.evaluation.EpochEvaluator;
import io.flashback.oracle.evaluation.Verdict;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Judges every agreement running in an epoch and builds the epoch's result tree. Deterministic: the
 * same stored inputs give every validator the same results and therefore the same root to sign. Each verdict also
 * notes how punctually the node reported ({@link EpochInputs.Punctuality}), for reputation.
 */
public final class JudgeEpoch {

    private final OracleAgreements agreements;
    private final EpochInputs inputs;
    private final EpochEvaluator evaluator;
    private final Epochs epochs;
    private final Address escrow;
    private final Duration reportingDeadline;

    public JudgeEpoch(OracleAgreements agreements, EpochInputs inputs, EpochEvaluator evaluator, Epochs epochs, Address escrow) {
        this(agreements, inputs, evaluator, epochs, escrow, Duration.ofMinutes(5));
    }

    /** @param reportingDeadline a node's minute reported later than this after the minute ended counts as late */
    public JudgeEpoch(OracleAgreements agreements, EpochInputs inputs, EpochEvaluator evaluator, Epochs epochs, Address escrow,
                      Duration reportingDeadline) {
        this.agreements = agreements;
        this.inputs = inputs;
        this.evaluator = evaluator;
        this.epochs = epochs;
        this.escrow = escrow;
        this.reportingDeadline = reportingDeadline;
    }

    public JudgedEpoch judge(long epoch) {
        Instant start = epochs.start(epoch);
        Instant end = epochs.end(epoch);
        List<AgreementJudgment> judgments = new ArrayList<>();
        for (OracleAgreement agreement : agreements.activeIn(epoch)) {
            EpochInputs.Inputs measured = inputs.of(agreement.id(), start, end);
            Verdict judged = evaluator.evaluate(agreement.terms(), start, end, measured.samples(), measured.probes(), measured.audits());
            // reporting punctuality is noted for reputation (monitor-service); it decides nothing here and is not signed
            Verdict verdict = inputs.punctuality(agreement.id(), start, end, reportingDeadline).flag().map(judged::withFlag).orElse(judged);
            EpochResult result = new EpochResult(agreement.id(), epoch, SignedAvailability.ppm(agreement.terms(), verdict));
            judgments.add(new AgreementJudgment(agreement, verdict, result, InputsDigest.of(agreement, start, end, measured)));
        }
        Optional<EpochResultTree> tree = judgments.isEmpty() ? Optional.empty()
                : Optional.of(EpochResultTree.build(escrow, epoch, judgments.stream().map(AgreementJudgment::result).toList()));
        return new JudgedEpoch(epoch, start, end, judgments, tree);
    }
}
