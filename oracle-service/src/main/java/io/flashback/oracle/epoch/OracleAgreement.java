package io.flashback.oracle.epoch;

import io.flashback.chain.AgreementId;
import io.flashback.chain.NodeId;
import io.flashback.oracle.evaluation.Terms;

/**
 * An agreement the oracle judges: the escrow's agreement id, the node serving it, the SLA terms and
 * the epochs it runs ({@code startEpoch} up to, not including, {@code startEpoch + epochs}) — the same
 * range SlaEscrow settles, so no result is made for an epoch the escrow would refuse.
 */
public record OracleAgreement(AgreementId id, NodeId node, Terms terms, long startEpoch, int epochs) {

    public OracleAgreement {
        if (startEpoch < 0 || epochs <= 0) {
            throw new IllegalArgumentException("an agreement runs at least one epoch from epoch 0 on");
        }
    }

    public boolean activeIn(long epoch) {
        return epoch >= startEpoch && epoch < startEpoch + epochs;
    }
}
