package io.flashback.oracle.epoch;

import io.flashback.chain.Bytes32;
import io.flashback.chain.merkle.EpochResultTree;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Every agreement's judgment for one epoch and the Merkle tree of their results. An epoch without
 * agreements has no tree: OracleHub refuses an empty root, and there is nothing to settle.
 */
public record JudgedEpoch(long epoch, Instant start, Instant end, List<AgreementJudgment> judgments, Optional<EpochResultTree> tree) {

    public JudgedEpoch {
        judgments = List.copyOf(judgments);
    }

    public Optional<Bytes32> root() {
        return tree.map(EpochResultTree::root);
    }
}
