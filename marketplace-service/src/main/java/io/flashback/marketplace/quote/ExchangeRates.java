package io.flashback.marketplace.quote;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * Value of currencies in the reference currency. Backed by configured rates today; a Chainlink
 * AggregatorV3 feed on the chain can stand behind the same port.
 */
public interface ExchangeRates {

    /** What one unit of {@code currency} is worth in the reference currency, if known. */
    Optional<BigDecimal> inReference(String currency);
}
