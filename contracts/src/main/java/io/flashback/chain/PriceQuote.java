package io.flashback.chain;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;

/**
 * A price feed round, as Chainlink's latestRoundData returns it.
 *
 * @param answeredInRound the round in which the answer was computed: below {@code roundId}, the answer is carried over
 *                        from an earlier round
 */
public record PriceQuote(BigInteger roundId, BigInteger answer, int decimals, Instant updatedAt, BigInteger answeredInRound) {

    /** A round answered in itself, as a feed that computes every answer in its own round reports it. */
    public PriceQuote(BigInteger roundId, BigInteger answer, int decimals, Instant updatedAt) {
        this(roundId, answer, decimals, updatedAt, roundId);
    }

    public BigDecimal price() {
        return new BigDecimal(answer, decimals);
    }
}
