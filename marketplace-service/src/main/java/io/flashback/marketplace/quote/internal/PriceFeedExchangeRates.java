package io.flashback.marketplace.quote.internal;

import io.flashback.chain.PriceFeed;
import io.flashback.chain.PriceQuote;
import io.flashback.marketplace.quote.ExchangeRate;
import io.flashback.marketplace.quote.ExchangeRateUnavailable;
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
 *
 * <p>A round the feed does answer is checked before it is priced with (#13 L6), as Chainlink advises for consumers of
 * AggregatorV3Interface (<a href="https://docs.chain.link/data-feeds#check-the-timestamp-of-the-latest-answer">check the
 * timestamp of the latest answer</a>): its answer positive, computed in its own round ({@code answeredInRound >=
 * roundId}) and no older than {@code maxAge}. A round that fails refuses the currency the feed values
 * ({@link ExchangeRateUnavailable}) instead of pricing at a rate the market may have left, or at the configured one.
 */
final class PriceFeedExchangeRates implements ExchangeRates, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PriceFeedExchangeRates.class);

    /** What the feed said: a currency valued, a currency it values but must not be priced with now, or nothing. */
    private sealed interface Answer permits Valued, Unusable, Silent {
    }

    private record Valued(ExchangeRate rate) implements Answer {
    }

    private record Unusable(String currency, String reason) implements Answer {
    }

    private record Silent() implements Answer {
    }

    private record Reading(Answer answer, Instant readAt) {
    }

    private final Supplier<PriceFeed> feeds;
    private final String referenceCurrency;
    private final ExchangeRates configured;
    private final Duration cacheTtl;
    private final Duration timeout;
    private final Duration maxAge;
    private final Clock clock;
    private final ExecutorService reads = Executors.newVirtualThreadPerTaskExecutor();
    private volatile PriceFeed feed;
    private Reading reading;
    private boolean fallingBack;
    private boolean refusing;

    PriceFeedExchangeRates(Supplier<PriceFeed> feeds, String referenceCurrency, ExchangeRates configured, Duration cacheTtl,
                           Duration timeout, Duration maxAge, Clock clock) {
        this.feeds = feeds;
        this.referenceCurrency = referenceCurrency.toUpperCase(Locale.ROOT);
        this.configured = configured;
        this.cacheTtl = cacheTtl;
        this.timeout = timeout;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    @Override
    public Optional<ExchangeRate> rate(String currency) {
        return switch (current()) {
            case Valued(ExchangeRate rate) when rate.currency().equalsIgnoreCase(currency) ->
                    Optional.of(new ExchangeRate(currency, rate.inReference(), rate.source()));
            case Unusable(String valued, String reason) when valued.equalsIgnoreCase(currency) ->
                    throw new ExchangeRateUnavailable(currency, reason);
            default -> configured.rate(currency);
        };
    }

    private synchronized Answer current() {
        Instant now = clock.instant();
        if (reading == null || !now.isBefore(reading.readAt().plus(cacheTtl))) {
            reading = new Reading(read(), now);
        }
        return reading.answer();
    }

    private Answer read() {
        CompletableFuture<Answer> answer = CompletableFuture.supplyAsync(this::ask, reads);
        try {
            Answer read = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (fallingBack) {
                log.info("the price feed answers again");
                fallingBack = false;
            }
            if (read instanceof Unusable(String currency, String reason)) {
                if (!refusing) {
                    log.warn("no quotes in {}: {}", currency, reason);
                    refusing = true;
                }
            } else if (refusing) {
                log.info("the price feed's answer is usable again");
                refusing = false;
            }
            return read;
        } catch (TimeoutException e) {
            answer.cancel(true);
            fallBack("the price feed did not answer within " + timeout);
        } catch (ExecutionException e) {
            fallBack("the price feed cannot be read: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fallBack("interrupted while reading the price feed");
        }
        return new Silent();
    }

    private Answer ask() {
        if (feed == null) {
            feed = feeds.get();
        }
        String[] pair = feed.description().split("/");
        PriceQuote latest = feed.latest();
        if (pair.length != 2) {
            throw new IllegalStateException("the price feed " + feed.address().value() + " (" + feed.description() + ") has no usable pair");
        }
        String base = pair[0].strip().toUpperCase(Locale.ROOT);
        String quote = pair[1].strip().toUpperCase(Locale.ROOT);
        boolean valuesBase = quote.equals(referenceCurrency);
        if (!valuesBase && !base.equals(referenceCurrency)) {
            throw new IllegalStateException("the price feed " + feed.address().value() + " quotes " + base + "/" + quote + ", no pair in "
                    + referenceCurrency);
        }
        String valued = valuesBase ? base : quote;
        Optional<String> unusable = unusable(latest);
        if (unusable.isPresent()) {
            return new Unusable(valued, "the price feed " + feed.address().value() + " (" + feed.description() + ") " + unusable.get());
        }
        return new Valued(valuesBase ? new ExchangeRate(base, latest.price(), ExchangeRate.Source.PRICE_FEED)
                : new ExchangeRate(quote, BigDecimal.ONE.divide(latest.price(), MathContext.DECIMAL64), ExchangeRate.Source.PRICE_FEED));
    }

    /** Why a round must not be priced with, after Chainlink's advice to consumers of latestRoundData. */
    private Optional<String> unusable(PriceQuote round) {
        if (round.answer().signum() <= 0) {
            return Optional.of("answered " + round.answer() + " in round " + round.roundId() + ", not a positive price");
        }
        if (round.updatedAt().getEpochSecond() == 0) {
            return Optional.of("has not completed round " + round.roundId());
        }
        if (round.answeredInRound().compareTo(round.roundId()) < 0) {
            return Optional.of("carries round " + round.roundId() + "'s answer over from round " + round.answeredInRound());
        }
        Duration age = Duration.between(round.updatedAt(), clock.instant());
        if (age.compareTo(maxAge) > 0) {
            return Optional.of("last answered at " + round.updatedAt() + ", " + age.toSeconds() + " s ago, more than the " + maxAge.toSeconds()
                    + " s allowed");
        }
        return Optional.empty();
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
