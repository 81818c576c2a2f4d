package io.flashback.marketplace.quote;

/**
 * The rate source for a currency answered something that must not be priced with (a stale or inconsistent price feed
 * round): nothing is quoted in that currency until it answers properly, rather than at a price the market has left.
 */
public final class ExchangeRateUnavailable extends RuntimeException {

    private final String currency;

    public ExchangeRateUnavailable(String currency, String reason) {
        super("no current exchange rate for " + currency + ": " + reason);
        this.currency = currency;
    }

    public String currency() {
        return currency;
    }
}
