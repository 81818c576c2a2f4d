package io.flashback.marketplace.quote.internal;

import io.flashback.chain.Address;
import io.flashback.chain.PriceFeed;
import io.flashback.chain.PriceQuote;
import io.flashback.chain.deploy.AddressBook;
import io.flashback.chain.deploy.Deployer;
import io.flashback.chain.deploy.DeploymentPlan;
import io.flashback.chain.web3j.ChainKeys;
import io.flashback.chain.web3j.InMemoryTransactionJournal;
import io.flashback.chain.web3j.TransactionSettings;
import io.flashback.chain.web3j.Web3jPriceFeed;
import io.flashback.chain.web3j.Web3jTransactions;
import io.flashback.chain.web3j.contracts.LocalPriceFeed;
import io.flashback.infra.anvil.Anvil;
import io.flashback.infra.anvil.AnvilAccounts;
import io.flashback.marketplace.quote.ExchangeRate;
import io.flashback.marketplace.quote.ExchangeRateUnavailable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Quotes in FLASH priced through the deployment's LocalPriceFeed on a real anvil (issue #6). */
class PriceFeedExchangeRatesIT {

    private static final Map<String, BigDecimal> CONFIGURED = Map.of("USD", BigDecimal.ONE, "FLASH", new BigDecimal("0.25"));

    private static Anvil anvil;
    private static HttpService rpc;
    private static Web3j web3j;
    private static Web3jTransactions governance;
    private static AddressBook book;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T00:00:00Z"));

    @BeforeAll
    static void deploy() throws Exception {
        anvil = Anvil.start(Files.createDirectories(Path.of("target", "anvil", "run-" + System.nanoTime())), 0, null);
        rpc = new HttpService(anvil.rpcUrl());
        web3j = Web3j.build(rpc);
        governance = new Web3jTransactions(web3j, ChainKeys.fromHex(AnvilAccounts.PRIVATE_KEYS.get(0)), Anvil.CHAIN_ID,
                TransactionSettings.defaults().withReceiptTimeout(Duration.ofSeconds(20)), new InMemoryTransactionJournal());
        book = Deployer.deployAll(governance, DeploymentPlan.local(List.of(Address.of(ChainKeys.anvil(6).getAddress())), 1,
                List.of(governance.address())));
    }

    @AfterAll
    static void stop() {
        web3j.shutdown();
        anvil.close();
    }

    @Test
    void theFeedValuesItsCurrencyAndTheConfiguredRatesTheOthers() {
        PriceFeed feed = new Web3jPriceFeed(web3j, book.priceFeed());
        BigDecimal answer = feed.latest().price(); // the local feed starts at "FLASH / USD" 0.5; another test moves it
        try (PriceFeedExchangeRates rates = rates(() -> feed)) {
            assertThat(rates.rate("FLASH")).hasValueSatisfying(rate -> {
                assertThat(rate.source()).isEqualTo(ExchangeRate.Source.PRICE_FEED);
                assertThat(rate.inReference()).isEqualByComparingTo(answer).isNotEqualByComparingTo("0.25");
            });
            assertThat(rates.rate("USD")).contains(new ExchangeRate("USD", BigDecimal.ONE, ExchangeRate.Source.CONFIGURED));
            assertThat(rates.rate("EUR")).isEmpty();
        }
    }

    @Test
    void aNewAnswerIsUsedOnceTheCachedOneExpires() {
        try (PriceFeedExchangeRates rates = rates(() -> new Web3jPriceFeed(web3j, book.priceFeed()))) {
            BigDecimal before = rates.inReference("FLASH").orElseThrow();
            BigInteger doubled = before.multiply(BigDecimal.valueOf(2)).movePointRight(8).toBigIntegerExact();
            governance.send("feed-" + System.nanoTime(), book.priceFeed().value(), feed().updateAnswer(doubled).encodeFunctionCall());

            assertThat(rates.inReference("FLASH")).as("still cached").contains(before);
            clock.advance(Duration.ofSeconds(31));
            assertThat(rates.inReference("FLASH")).hasValueSatisfying(rate -> assertThat(rate).isEqualByComparingTo(before.multiply(BigDecimal.TWO)));
        }
    }

    @Test
    void anUnreachableChainLeavesTheConfiguredRates() {
        Web3j nowhere = Web3j.build(new HttpService("http://127.0.0.1:1"));
        try (PriceFeedExchangeRates rates = rates(() -> new Web3jPriceFeed(nowhere, book.priceFeed()))) {
            assertThat(rates.rate("FLASH")).contains(new ExchangeRate("FLASH", new BigDecimal("0.25"), ExchangeRate.Source.CONFIGURED));
        } finally {
            nowhere.shutdown();
        }
    }

    @Test
    void aFeedWithoutAPairInTheReferenceCurrencyLeavesTheConfiguredRates() {
        Supplier<PriceFeed> feed = () -> new Web3jPriceFeed(web3j, book.priceFeed());
        try (PriceFeedExchangeRates rates = new PriceFeedExchangeRates(feed, "EUR", new ConfiguredExchangeRates(CONFIGURED),
                Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofHours(1), clock)) {
            assertThat(rates.rate("FLASH")).hasValueSatisfying(rate -> assertThat(rate.source()).isEqualTo(ExchangeRate.Source.CONFIGURED));
        }
    }

    @Test // #13 L6
    void anAnswerOlderThanTheMaximumAgeRefusesItsCurrencyUntilTheFeedAnswersAgain() throws Exception {
        updateAnswer(new BigInteger("50000000"));
        clock.set(chainTime());
        try (PriceFeedExchangeRates rates = rates(() -> new Web3jPriceFeed(web3j, book.priceFeed()))) {
            assertThat(rates.rate("FLASH")).hasValueSatisfying(rate -> assertThat(rate.source()).isEqualTo(ExchangeRate.Source.PRICE_FEED));

            // two hours pass on the chain, and on the service's clock, without a new round
            rpc("evm_increaseTime", List.of(Duration.ofHours(2).toSeconds()));
            rpc("evm_mine", List.of());
            clock.set(chainTime());

            assertThatThrownBy(() -> rates.rate("FLASH")).isInstanceOf(ExchangeRateUnavailable.class)
                    .hasMessageStartingWith("no current exchange rate for FLASH: the price feed " + book.priceFeed().value())
                    .hasMessageEndingWith("more than the 3600 s allowed");
            assertThat(rates.rate("USD")).as("a currency the feed does not value").contains(
                    new ExchangeRate("USD", BigDecimal.ONE, ExchangeRate.Source.CONFIGURED));

            updateAnswer(new BigInteger("60000000"));
            clock.advance(Duration.ofSeconds(31));
            assertThat(rates.rate("FLASH")).hasValueSatisfying(rate -> {
                assertThat(rate.source()).isEqualTo(ExchangeRate.Source.PRICE_FEED);
                assertThat(rate.inReference()).isEqualByComparingTo("0.6");
            });
        }
    }

    @Test // #13 L6
    void aRoundThatIsNotAPositivePriceOrCarriesAnOldAnswerRefusesItsCurrency() {
        PriceFeed real = new Web3jPriceFeed(web3j, book.priceFeed());
        PriceQuote latest = real.latest();
        clock.set(latest.updatedAt());
        PriceQuote zero = new PriceQuote(latest.roundId(), BigInteger.ZERO, latest.decimals(), latest.updatedAt());
        PriceQuote carried = new PriceQuote(latest.roundId().add(BigInteger.ONE), latest.answer(), latest.decimals(), latest.updatedAt(),
                latest.roundId());
        try (PriceFeedExchangeRates rates = rates(() -> answering(real, zero))) {
            assertThatThrownBy(() -> rates.rate("FLASH")).isInstanceOf(ExchangeRateUnavailable.class).hasMessageContaining("not a positive price");
        }
        try (PriceFeedExchangeRates rates = rates(() -> answering(real, carried))) {
            assertThatThrownBy(() -> rates.rate("FLASH")).isInstanceOf(ExchangeRateUnavailable.class)
                    .hasMessageContaining("answer over from round " + latest.roundId());
        }
    }

    /** The deployed feed, with its latest round replaced. */
    private static PriceFeed answering(PriceFeed real, PriceQuote round) {
        return new PriceFeed() {
            @Override
            public Address address() {
                return real.address();
            }

            @Override
            public PriceQuote latest() {
                return round;
            }

            @Override
            public String description() {
                return real.description();
            }
        };
    }

    private static void updateAnswer(BigInteger answer) {
        governance.send("feed-" + System.nanoTime(), book.priceFeed().value(), feed().updateAnswer(answer).encodeFunctionCall());
    }

    private static Instant chainTime() throws Exception {
        return Instant.ofEpochSecond(web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock().getTimestamp()
                .longValueExact());
    }

    private static void rpc(String method, List<?> params) throws Exception {
        Response<?> response = new Request<>(method, params, rpc, RawResponse.class).send();
        if (response.hasError()) {
            throw new IllegalStateException(method + ": " + response.getError().getMessage());
        }
    }

    /** Any JSON-RPC answer, for anvil's own methods. */
    public static final class RawResponse extends Response<Object> {
    }

    private PriceFeedExchangeRates rates(Supplier<PriceFeed> feed) {
        return new PriceFeedExchangeRates(feed, "USD", new ConfiguredExchangeRates(CONFIGURED), Duration.ofSeconds(30), Duration.ofSeconds(5),
                Duration.ofHours(1), clock);
    }

    private static LocalPriceFeed feed() {
        return LocalPriceFeed.load(book.priceFeed().value(), web3j, new ReadonlyTransactionManager(web3j, Address.ZERO.value()),
                new StaticGasProvider(BigInteger.ZERO, BigInteger.ZERO));
    }

    /** A clock the test moves, so the cache expires without waiting. */
    private static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        void set(Instant to) {
            now = to;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
