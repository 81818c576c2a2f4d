package io.flashback.oracle.epoch;

import io.flashback.chain.EpochResult;
import io.flashback.oracle.evaluation.Verdict;

/** One agreement's verdict for an epoch, the result that goes on chain, and the digest of what it rests on. */
public record AgreementJudgment(OracleAgreement agreement, Verdict verdict, EpochResult result, String inputsDigest) {
}
