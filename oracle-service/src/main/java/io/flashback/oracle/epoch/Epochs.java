package io.flashback.oracle.epoch;

import java.time.Duration;
import java.time.Instant;

/**
 * OracleHub's epoch arithmetic ({@code genesisTime + epoch × epochLength}), taken from the address
 * book so the oracle's epochs are exactly the ones the hub accepts reports for. Time is always passed
 * in (from the injected Clock).
 */
public record Epochs(Instant genesis, Duration length) {

    public Epochs {
        if (length.isZero() || length.isNegative()) {
            throw new IllegalArgumentException("epoch length must be positive: " + length);
        }
    }

    /** The epoch {@code at} falls in; -1 before genesis. */
    public long epochAt(Instant at) {
        long seconds = Duration.between(genesis, at).toSeconds();
        return seconds < 0 ? -1 : seconds / length.toSeconds();
    }

    public Instant start(long epoch) {
        return genesis.plus(length.multipliedBy(epoch));
    }

    public Instant end(long epoch) {
        return start(epoch + 1);
    }

    /** The latest epoch that ended at least {@code delay} ago (late inputs get that long to arrive); -1 if none. */
    public long lastFinished(Instant now, Duration delay) {
        return epochAt(now.minus(delay)) - 1;
    }
}
