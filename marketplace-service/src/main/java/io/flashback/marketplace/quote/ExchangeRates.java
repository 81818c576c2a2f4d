package io.flashback.marketplace.quote;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * Value of currencies in the reference currency: from the chain's price feed (a Chainlink
 * AggregatorV3 contract) where there is one for the currency, else from configured rates.
 */
public interface ExchangeRates {

    /** What one unit of {@code currency} is worth in the reference currency, if known, and its source. */
    Optional<ExchangeRate> rate(String currency);

    default Optional<BigDecimal> inReference(String currency) {
        return rate(currency).map(ExchangeRate::inReference);
    }
}
