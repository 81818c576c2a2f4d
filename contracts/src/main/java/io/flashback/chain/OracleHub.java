package io.flashback.chain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Validator set and signed epoch reports. */
public interface OracleHub {

    Address address();

    /**
     * Posts an epoch's root with validator signatures (any order; the adapter orders them by signer
     * as the contract requires). Idempotent: a root already posted for the epoch is not sent again.
     */
    TxOutcome submitReport(EpochReport report, List<Signature> signatures);

    Optional<Bytes32> rootOf(long epoch);

    long currentEpoch();

    /**
     * The oldest epoch the hub still accepts a report for: epochs may be reported in any order, each
     * once, until they are {@code OracleHub.REPORT_WINDOW_EPOCHS} old.
     */
    long oldestReportableEpoch();

    Instant epochStart(long epoch);

    ValidatorSet validatorSet();
}
