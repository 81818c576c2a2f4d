package io.flashback.chain;

/** A Chainlink-style price feed (AggregatorV3Interface): a local one on anvil, a real one elsewhere. */
public interface PriceFeed {

    Address address();

    PriceQuote latest();

    String description();
}
