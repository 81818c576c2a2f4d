package io.flashback.marketplace.quote.internal;

import io.flashback.chain.Address;
import io.flashback.chain.PriceFeed;
import io.flashback.chain.PriceQuote;
import io.flashback.marketplace.quote.ExchangeRate;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A feed that hangs must not hold quotes up: the configured rate answers after the timeout, and the failure is cached. */
class PriceFeedExchangeRatesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void aFeedThatDoesNotAnswerInTimeLeavesTheConfiguredRateAndIsNotAskedAgainUntilTheCacheExpires() {
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger asked = new AtomicInteger();
        PriceFeed hanging = new PriceFeed() {
            @Override
            public Address address() {
                return Address.ZERO;
            }

            @Override
            public PriceQuote latest() {
                return new PriceQuote(BigInteger.ONE, BigInteger.valueOf(50_000_000), 8, CLOCK.instant());
            }

            @Override
            public String description() {
                asked.incrementAndGet();
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return "FLASH / USD";
            }
        };
        try (PriceFeedExchangeRates rates = new PriceFeedExchangeRates(() -> hanging, "USD",
                new ConfiguredExchangeRates(Map.of("FLASH", new BigDecimal("0.25"))), Duration.ofSeconds(30), Duration.ofMillis(200), Duration.ofHours(1), CLOCK)) {
            long started = System.nanoTime();

            assertThat(rates.rate("FLASH")).contains(new ExchangeRate("FLASH", new BigDecimal("0.25"), ExchangeRate.Source.CONFIGURED));
            assertThat(rates.rate("FLASH")).contains(new ExchangeRate("FLASH", new BigDecimal("0.25"), ExchangeRate.Source.CONFIGURED));

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
            assertThat(asked).hasValue(1);
        } finally {
            never.countDown();
        }
    }
}
