package io.flashback.marketplace.quote.internal;

import io.flashback.marketplace.MarketplaceProperties;
import io.flashback.marketplace.quote.ExchangeRates;
import io.flashback.marketplace.quote.PriceQuoter;
import io.flashback.marketplace.quote.QuoteSigner;
import io.flashback.marketplace.quote.QuoteSigningKey;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

@Configuration(proxyBeanMethods = false)
class QuoteConfiguration {

    @Bean
    ExchangeRates configuredExchangeRates(MarketplaceProperties properties) {
        Map<String, BigDecimal> rates = Map.copyOf(properties.exchangeRates());
        return currency -> Optional.ofNullable(rates.get(currency));
    }

    @Bean
    PriceQuoter priceQuoter(ExchangeRates rates, MarketplaceProperties properties, Clock clock) {
        return new PriceQuoter(rates, properties.currencyDecimals(), properties.platformFeeBps(), properties.quoteValidity(), clock);
    }

    @Bean
    QuoteSigner quoteSigner(MarketplaceProperties properties, Clock clock) {
        return new QuoteSigner(QuoteSigningKey.loadOrCreate(properties.quoteSigningKeyFile()), JsonMapper.builder().build(), clock);
    }
}
