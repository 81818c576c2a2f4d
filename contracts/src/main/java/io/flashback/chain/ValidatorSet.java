package io.flashback.chain;

import java.util.List;

/** OracleHub's validators and the number of distinct signatures a report needs. */
public record ValidatorSet(List<Address> validators, int threshold) {

    public ValidatorSet {
        validators = List.copyOf(validators);
    }
}
