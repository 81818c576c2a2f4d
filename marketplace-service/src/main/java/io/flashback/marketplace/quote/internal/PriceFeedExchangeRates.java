package io.flashback.marketplace.quote.internal;

import io.flashback.chain.PriceFeed;
import io.flashback.chain.PriceQuote;
import io.flashback.marketplace.quote.ExchangeRate;
import io.flashback.marketplace.quote.ExchangeRates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Rates from the chain's Chainlink-style price feed (AggregatorV3Interface, described {@code "BASE / QUOTE"},
 * e.g. {@code "FLASH / USD"}): the feed values its base currency when it quotes in the reference currency
 * (or its quote currency when its base is the reference). A reading is used for {@code cacheTtl}; a read
 * that fails or takes longer than {@code timeout}, or a feed without a pair in the reference currency,
 * leaves every currency on its configured rate, logged once until the feed answers again.
 */
final class PriceFeedExchangeRates implements ExchangeRates, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PriceFeedExchangeRates.class);

    /** The currency the feed values, and its value in the reference currency; empty when the feed gave none. */
    private record Reading(Optional<ExchangeRate> rate, Instant readAt) {
    }

    private final Supplier<PriceFeed> feeds;
    private final String referenceCurrency;
    private final ExchangeRates configured;
    private final Duration cacheTtl;
    private final Duration timeout;
    private final Clock clock;
    private final ExecutorService reads = Executors.newVirtualThreadPerTaskExecutor();
    private volatile PriceFeed feed;
    private Reading reading;
    private boolean fallingBack;

    PriceFeedExchangeRates(Supplier<PriceFeed> feeds, String referenceCurrency, ExchangeRates configured, Duration cacheTtl,
                           Duration timeout, Clock clock) {
        this.feeds = feeds;
        this.referenceCurrency = referenceCurrency.toUpperCase(Locale.ROOT);
        this.configured = configured;
        this.cacheTtl = cacheTtl;
        this.timeout = timeout;
        this.clock = clock;
    }

    @Override
    public Optional<ExchangeRate> rate(String currency) {
        Optional<ExchangeRate> fromFeed = current().filter(rate -> rate.currency().equalsIgnoreCase(currency));
        return fromFeed.isPresent() ? fromFeed.map(rate -> new ExchangeRate(currency, rate.inReference(), rate.source()))
                : configured.rate(currency);
    }

    private synchronized Optional<ExchangeRate> current() {
        Instant now = clock.instant();
        if (reading == null || !now.isBefore(reading.readAt().plus(cacheTtl))) {
            reading = new Reading(read(), now);
        }
        return reading.rate();
    }

    private Optional<ExchangeRate> read() {
        CompletableFuture<ExchangeRate> answer = CompletableFuture.supplyAsync(this::ask, reads);
        try {
            ExchangeRate rate = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (fallingBack) {
                log.info("the price feed answers again: {} is valued by it", rate.currency());
                fallingBack = false;
            }
            return Optional.of(rate);
        } catch (TimeoutException e) {
            answer.cancel(true);
            fallBack("the price feed did not answer within " + timeout);
        } catch (ExecutionException e) {
            fallBack("the price feed cannot be read: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fallBack("interrupted while reading the price feed");
        }
        return Optional.empty();
    }

    private ExchangeRate ask() {
        if (feed == null) {
            feed = feeds.get();
        }
        String[] pair = feed.description().split("/");
        PriceQuote latest = feed.latest();
        if (pair.length != 2 || latest.answer().signum() <= 0) {
            throw new IllegalStateException("the price feed " + feed.address().value() + " (" + feed.description() + ") has no usable pair");
        }
        String base = pair[0].strip().toUpperCase(Locale.ROOT);
        String quote = pair[1].strip().toUpperCase(Locale.ROOT);
        if (quote.equals(referenceCurrency)) {
            return new ExchangeRate(base, latest.price(), ExchangeRate.Source.PRICE_FEED);
        }
        if (base.equals(referenceCurrency)) {
            return new ExchangeRate(quote, BigDecimal.ONE.divide(latest.price(), MathContext.DECIMAL64), ExchangeRate.Source.PRICE_FEED);
        }
        throw new IllegalStateException("the price feed " + feed.address().value() + " quotes " + base + "/" + quote + ", no pair in "
                + referenceCurrency);
    }

    /** Called with {@link #current()}'s lock held, never from the reading thread. */
    private void fallBack(String why) {
        if (!fallingBack) {
            log.warn("{}; configured exchange rates are used instead", why);
            fallingBack = true;
        }
    }

    @Override
    public void close() {
        reads.shutdownNow();
    }
}
