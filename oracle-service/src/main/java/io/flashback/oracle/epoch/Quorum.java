package io.flashback.oracle.epoch;

import io.flashback.chain.Address;
import io.flashback.chain.Bytes32;
import io.flashback.chain.ValidatorSet;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * k signatures of distinct current validators on the same root. Signatures on any other root do not
 * count, so a validator that computed something else cannot help a report through. The designated
 * submitter is the lowest validator address among the agreeing signers: every validator that has
 * seen the same signatures names the same one without talking to the others; one that saw fewer may
 * name another, which only costs a duplicate submission the hub turns away.
 *
 * @param signatures the k signatures to submit, ascending by signer as OracleHub requires
 */
public record Quorum(Bytes32 root, List<SignatureRecord> signatures, Address submitter) {

    public static Optional<Quorum> reach(Bytes32 root, Collection<SignatureRecord> received, ValidatorSet validators) {
        Map<Address, SignatureRecord> agreeing = new TreeMap<>();
        for (SignatureRecord signature : received) {
            if (signature.root().equals(root) && validators.validators().contains(signature.validator())) {
                agreeing.putIfAbsent(signature.validator(), signature);
            }
        }
        if (agreeing.size() < validators.threshold()) {
            return Optional.empty();
        }
        List<SignatureRecord> first = agreeing.values().stream()
                .sorted(Comparator.comparing(SignatureRecord::validator)).limit(validators.threshold()).toList();
        return Optional.of(new Quorum(root, first, first.getFirst().validator()));
    }
}
