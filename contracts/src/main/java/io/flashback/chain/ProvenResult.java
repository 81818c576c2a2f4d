package io.flashback.chain;

import java.util.List;

/** An epoch result with its Merkle proof against the epoch's reported root. */
public record ProvenResult(EpochResult result, List<Bytes32> proof) {

    public ProvenResult {
        proof = List.copyOf(proof);
    }
}
