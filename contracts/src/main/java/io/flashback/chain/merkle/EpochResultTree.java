package io.flashback.chain.merkle;

import io.flashback.chain.Address;
import io.flashback.chain.AgreementId;
import io.flashback.chain.Bytes32;
import io.flashback.chain.EpochReport;
import io.flashback.chain.EpochResult;
import io.flashback.chain.ProvenResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * All agreement results of one epoch for one escrow: the root validators sign and the proof each
 * settlement carries. The oracle builds it once per epoch.
 */
public final class EpochResultTree {

    private final long epoch;
    private final Address escrow;
    private final MerkleTree tree;
    private final Map<AgreementId, EpochResult> results;

    private EpochResultTree(long epoch, Address escrow, MerkleTree tree, Map<AgreementId, EpochResult> results) {
        this.epoch = epoch;
        this.escrow = escrow;
        this.tree = tree;
        this.results = results;
    }

    public static EpochResultTree build(Address escrow, long epoch, List<EpochResult> results) {
        Map<AgreementId, EpochResult> byAgreement = new LinkedHashMap<>();
        List<Bytes32> leaves = new ArrayList<>(results.size());
        for (EpochResult result : results) {
            if (result.epoch() != epoch) {
                throw new IllegalArgumentException("result for epoch " + result.epoch() + " in the tree of epoch " + epoch);
            }
            if (byAgreement.put(result.agreementId(), result) != null) {
                throw new IllegalArgumentException("two results for agreement " + result.agreementId());
            }
            leaves.add(ResultLeaves.leaf(escrow, result));
        }
        return new EpochResultTree(epoch, escrow, MerkleTree.of(leaves), byAgreement);
    }

    public EpochReport report() {
        return new EpochReport(epoch, tree.root());
    }

    public Bytes32 root() {
        return tree.root();
    }

    public Optional<ProvenResult> proven(AgreementId agreement) {
        EpochResult result = results.get(agreement);
        if (result == null) {
            return Optional.empty();
        }
        return Optional.of(new ProvenResult(result, tree.proof(ResultLeaves.leaf(escrow, result))));
    }

    public List<ProvenResult> provenAll() {
        return results.keySet().stream().map(id -> proven(id).orElseThrow()).toList();
    }
}
