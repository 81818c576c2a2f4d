package io.flashback.chain;

import java.math.BigInteger;

/** What a state-changing call did: sent and mined now, or found already applied on chain. */
public sealed interface TxOutcome {

    record Mined(String transactionHash, long blockNumber, BigInteger gasUsed) implements TxOutcome {
    }

    /** A retry found the effect on chain (for example after a crash or a timeout) and sent nothing. */
    record AlreadyApplied(String reason) implements TxOutcome {
    }
}
