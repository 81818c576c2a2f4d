package io.flashback.marketplace.quote.internal;

import io.flashback.chain.PriceFeed;
import io.flashback.chain.deploy.AddressBook;
import io.flashback.chain.web3j.Web3jPriceFeed;
import io.flashback.marketplace.MarketplaceProperties;
import io.flashback.marketplace.quote.ExchangeRates;
import io.flashback.marketplace.quote.PriceQuoter;
import io.flashback.marketplace.quote.QuoteSigner;
import io.flashback.marketplace.quote.QuoteSigningKey;
import okhttp3.OkHttpClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.function.Supplier;

@Configuration(proxyBeanMethods = false)
class QuoteConfiguration {

    /**
     * The price feed when the marketplace is given a chain, else only the configured rates. The address
     * book is read on the first rate asked for, not at start, so the marketplace starts before the
     * contracts are deployed and uses configured rates until they are.
     */
    @Bean
    ExchangeRates exchangeRates(MarketplaceProperties properties, ObjectProvider<Web3j> web3j, Clock clock) {
        ExchangeRates configured = new ConfiguredExchangeRates(properties.exchangeRates());
        MarketplaceProperties.Chain chain = properties.chain();
        Web3j client = web3j.getIfAvailable();
        if (client == null) {
            return configured;
        }
        Supplier<PriceFeed> feed = () -> new Web3jPriceFeed(client, AddressBook.read(chain.addressBook()).priceFeed());
        return new PriceFeedExchangeRates(feed, properties.referenceCurrency(), configured, chain.rateCacheTtl(), chain.rateTimeout(),
                chain.rateMaxAge(), clock);
    }

    @Bean
    PriceQuoter priceQuoter(ExchangeRates rates, MarketplaceProperties properties, Clock clock) {
        return new PriceQuoter(rates, properties.currencyDecimals(), properties.platformFeeBps(), properties.quoteValidity(), clock);
    }

    @Bean
    QuoteSigner quoteSigner(MarketplaceProperties properties, Clock clock) {
        return new QuoteSigner(QuoteSigningKey.loadOrCreate(properties.quoteSigningKeyFile()), JsonMapper.builder().build(), clock);
    }

    /** With an address book, rates are read from its price feed. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty("flashback.marketplace.chain.address-book")
    static class ChainConfiguration {

        @Bean(destroyMethod = "shutdown")
        Web3j web3j(MarketplaceProperties properties) {
            MarketplaceProperties.Chain chain = properties.chain();
            if (chain.rpcUrl() == null) {
                throw new IllegalStateException("flashback.marketplace.chain.rpc-url is required with an address book");
            }
            // no call may outlast the rate timeout: a quote waits at most that long for the feed
            OkHttpClient http = new OkHttpClient.Builder().callTimeout(chain.rateTimeout()).build();
            return Web3j.build(new HttpService(chain.rpcUrl().toString(), http));
        }
    }
}
