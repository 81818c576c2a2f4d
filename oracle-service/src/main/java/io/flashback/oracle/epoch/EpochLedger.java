package io.flashback.oracle.epoch;

import io.flashback.chain.AgreementId;
import io.flashback.chain.Address;
import io.flashback.chain.EpochResult;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/** One validator's stored epochs: results, state machine, collected signatures and settlement progress. */
public interface EpochLedger {

    OptionalLong lastEpoch();

    /** Stores the results (with verdicts and input digests) and the epoch as JUDGED, or EMPTY without agreements. */
    void recordJudgment(JudgedEpoch judged, Address validator, Instant at);

    List<EpochRecord> unfinished();

    EpochRecord epoch(long epoch);

    /** Moves the epoch from {@code from} to {@code to}; false when it was not in {@code from} (someone else moved it). */
    boolean advance(long epoch, EpochState from, EpochState to, Instant at);

    void recordQuorum(long epoch, Quorum quorum, Instant at);

    void recordReport(long epoch, String transactionHash, BigInteger gasUsed);

    /** Idempotent: a signature already held changes nothing. */
    void recordSignature(SignatureRecord signature, Instant at);

    List<SignatureRecord> signatures(long epoch);

    /** Every result of the epoch (the tree is rebuilt from them for proofs). */
    List<EpochResult> results(long epoch);

    /** Results not yet settled and not found unsettleable. */
    List<EpochResult> pendingSettlement(long epoch);

    void markSettled(long epoch, List<AgreementId> agreements, String how);

    void markNotSettleable(long epoch, AgreementId agreement, String reason);

    void recordSettlementGas(long epoch, BigInteger gasUsed);
}
