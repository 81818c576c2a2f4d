package io.flashback.marketplace.quote;

import io.flashback.marketplace.dataunit.DataUnit;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.flashback.marketplace.quote.QuoteFixtures.GIB;
import static io.flashback.marketplace.quote.QuoteFixtures.unit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PriceQuoterTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private final Map<String, BigDecimal> rates = Map.of("USD", BigDecimal.ONE, "USDC", BigDecimal.ONE, "EUR", new BigDecimal("1.25"));
    private final PriceQuoter quoter = new PriceQuoter(currency -> Optional.ofNullable(rates.get(currency))
            .map(rate -> new ExchangeRate(currency, rate, ExchangeRate.Source.CONFIGURED)),
            Map.of("USD", 2, "USDC", 6, "EUR", 2), 200, Duration.ofMinutes(15), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void pricesCapacityTimesTermPlusEgressPlusPlatformFee() {
        DataUnit unit = unit(UUID.randomUUID(), "USDC", "0.02", "0.01", 1000 * GIB);

        Quote quote = quoter.quote(new QuoteRequest(List.of(unit.id()), 100 * GIB, 90, new BigDecimal("10"), "USDC"), List.of(unit));

        // 100 GiB x 3 months x 0.02 = 6.000000; egress 10 GB x 3 months x 0.01 = 0.300000; fee 2 % of 6.3
        assertThat(quote.lines().getFirst().storage()).isEqualByComparingTo("6.000000");
        assertThat(quote.lines().getFirst().egress()).isEqualByComparingTo("0.300000");
        assertThat(quote.subtotal()).isEqualByComparingTo("6.300000");
        assertThat(quote.platformFee()).isEqualByComparingTo("0.126000");
        assertThat(quote.total()).isEqualByComparingTo("6.426000");
        assertThat(quote.total().scale()).isEqualTo(6);
        assertThat(quote.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
    }

    @Test
    void redundancyAddsOneLinePerProviderAndConvertsEachUnitsCurrency() {
        DataUnit dollars = unit(UUID.randomUUID(), "USDC", "0.010", "0", 1000 * GIB);
        DataUnit euros = unit(UUID.randomUUID(), "EUR", "0.008", "0", 1000 * GIB);

        Quote quote = quoter.quote(new QuoteRequest(List.of(dollars.id(), euros.id()), 50 * GIB, 30, BigDecimal.ZERO, "USD"),
                List.of(dollars, euros));

        assertThat(quote.redundancy()).isEqualTo(2);
        assertThat(quote.lines().get(0).subtotal()).isEqualByComparingTo("0.50");
        assertThat(quote.lines().get(1).subtotal()).isEqualByComparingTo("0.50"); // 50 x 0.008 EUR x 1.25
        assertThat(quote.total()).isEqualByComparingTo("1.02");
        assertThat(quote.rates()).extracting(ExchangeRate::currency).containsExactly("EUR", "USD", "USDC");
    }

    @Test
    void refusesTwoReplicasOnOneProvider() {
        UUID provider = UUID.randomUUID();
        DataUnit first = unit(provider, "USDC", "0.01", "0", 1000 * GIB);
        DataUnit second = unit(provider, "USDC", "0.01", "0", 1000 * GIB);

        assertThatThrownBy(() -> quoter.quote(new QuoteRequest(List.of(first.id(), second.id()), GIB, 30, BigDecimal.ZERO, "USDC"),
                List.of(first, second))).isInstanceOf(QuoteRejected.class).hasMessageContaining("different providers");
    }

    @Test
    void refusesMoreCapacityThanIsFree() {
        DataUnit unit = unit(UUID.randomUUID(), "USDC", "0.01", "0", 10 * GIB);

        assertThatThrownBy(() -> quoter.quote(new QuoteRequest(List.of(unit.id()), 11 * GIB, 30, BigDecimal.ZERO, "USDC"), List.of(unit)))
                .isInstanceOf(QuoteRejected.class).hasMessageContaining("bytes free");
    }

    @Test
    void refusesATermOutsideTheUnitsRange() {
        DataUnit unit = unit(UUID.randomUUID(), "USDC", "0.01", "0", 10 * GIB);

        assertThatThrownBy(() -> quoter.quote(new QuoteRequest(List.of(unit.id()), GIB, 7, BigDecimal.ZERO, "USDC"), List.of(unit)))
                .isInstanceOf(QuoteRejected.class).hasMessageContaining("30 to 365 days");
    }

    @Test
    void refusesUnknownCurrenciesUnitsAndDuplicates() {
        DataUnit unit = unit(UUID.randomUUID(), "USDC", "0.01", "0", 10 * GIB);

        assertThatThrownBy(() -> quoter.quote(new QuoteRequest(List.of(unit.id()), GIB, 30, BigDecimal.ZERO, "DOGE"), List.of(unit)))
                .isInstanceOf(QuoteRejected.class).hasMessageContaining("DOGE is not accepted");
        assertThatThrownBy(() -> quoter.quote(new QuoteRequest(List.of(UUID.randomUUID()), GIB, 30, BigDecimal.ZERO, "USDC"), List.of()))
                .isInstanceOf(QuoteRejected.class).hasMessageContaining("not on the market");
        assertThatThrownBy(() -> quoter.quote(new QuoteRequest(List.of(unit.id(), unit.id()), GIB, 30, BigDecimal.ZERO, "USDC"), List.of(unit)))
                .isInstanceOf(QuoteRejected.class).hasMessageContaining("named twice");
    }
}
