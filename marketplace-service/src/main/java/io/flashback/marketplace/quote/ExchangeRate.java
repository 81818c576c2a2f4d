package io.flashback.marketplace.quote;

import java.math.BigDecimal;

/**
 * What one unit of {@code currency} is worth in the reference currency, and where that came from.
 *
 * @param source PRICE_FEED when read from the chain's price feed, CONFIGURED when from the marketplace's
 *               configured rates (no feed for the currency, or the feed could not be read)
 */
public record ExchangeRate(String currency, BigDecimal inReference, Source source) {

    public enum Source { PRICE_FEED, CONFIGURED }
}
