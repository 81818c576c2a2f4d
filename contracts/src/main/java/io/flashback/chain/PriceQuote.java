package io.flashback.chain;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;

/** A price feed round, as Chainlink's latestRoundData returns it. */
public record PriceQuote(BigInteger roundId, BigInteger answer, int decimals, Instant updatedAt) {

    public BigDecimal price() {
        return new BigDecimal(answer, decimals);
    }
}
