package io.flashback.orchestrator.payment;

import io.flashback.chain.Address;
import io.flashback.chain.Bytes32;

import java.util.Optional;

/**
 * The epoch roots k of n validators posted on OracleHub — the only results the fiat ledger settles by (issue #13 H3,
 * issue #12 item 10). A root is there only once the hub accepted k valid validator signatures over it.
 */
public interface PostedEpochRoots {

    /** The escrow the oracle's result leaves name ({@code SlaEscrow.resultLeaf(escrow, agreementId, epoch, ppm)}). */
    Address escrow();

    /**
     * The root posted for the epoch; empty while none is (no quorum yet, or no chain configured: then nothing settles).
     *
     * @throws io.flashback.chain.ChainException when the chain cannot be read now
     */
    Optional<Bytes32> rootOf(long epoch);
}
