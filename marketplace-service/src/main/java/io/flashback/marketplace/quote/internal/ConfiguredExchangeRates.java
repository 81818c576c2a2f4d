package io.flashback.marketplace.quote.internal;

import io.flashback.marketplace.quote.ExchangeRate;
import io.flashback.marketplace.quote.ExchangeRates;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/** The rates in {@code flashback.marketplace.exchange-rates}. */
final class ConfiguredExchangeRates implements ExchangeRates {

    private final Map<String, BigDecimal> rates;

    ConfiguredExchangeRates(Map<String, BigDecimal> rates) {
        this.rates = Map.copyOf(rates);
    }

    @Override
    public Optional<ExchangeRate> rate(String currency) {
        return Optional.ofNullable(rates.get(currency)).map(value -> new ExchangeRate(currency, value, ExchangeRate.Source.CONFIGURED));
    }
}
