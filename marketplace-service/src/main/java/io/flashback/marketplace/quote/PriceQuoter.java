package io.flashback.marketplace.quote;

import io.flashback.marketplace.dataunit.DataUnit;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Prices capacity × term × redundancy + egress + platform fee. Capacity is billed per GiB-month
 * (2^30 bytes, a month = 30 days), as the large clouds bill storage; each line is converted from
 * the unit's currency into the consumer's and rounded once, to the consumer currency's decimals.
 * Each currency's rate is read once per quote, so every line uses the same one, and the quote lists
 * the rates it used with their source.
 */
public final class PriceQuoter {

    public static final int MAX_REDUNDANCY = 5;
    /**
     * The largest egress estimate priced, in GB per month (an exabyte), and the most decimals it may have: an unbounded
     * {@code BigDecimal} such as {@code 1e400000} made a megabytes-long quote from a 40-byte request (#13 M4).
     */
    public static final String MAX_EGRESS_GB_PER_MONTH = "1000000000";
    public static final int EGRESS_DECIMALS = 6;
    /** The largest capacity priced: an exbibyte. */
    public static final long MAX_CAPACITY_BYTES = 1L << 60;
    private static final BigDecimal BYTES_PER_GIB = BigDecimal.valueOf(1L << 30);
    private static final BigDecimal DAYS_PER_MONTH = BigDecimal.valueOf(30);
    private static final MathContext PRECISION = MathContext.DECIMAL128;

    private final ExchangeRates rates;
    private final Map<String, Integer> decimals;
    private final int platformFeeBps;
    private final Duration validity;
    private final Clock clock;

    public PriceQuoter(ExchangeRates rates, Map<String, Integer> decimals, int platformFeeBps, Duration validity, Clock clock) {
        this.rates = rates;
        this.decimals = Map.copyOf(decimals);
        this.platformFeeBps = platformFeeBps;
        this.validity = validity;
        this.clock = clock;
    }

    public Quote quote(QuoteRequest request, List<DataUnit> found) {
        List<UUID> ids = request.dataUnitIds();
        if (ids == null || ids.isEmpty() || ids.size() > MAX_REDUNDANCY) {
            throw new QuoteRejected("choose between 1 and " + MAX_REDUNDANCY + " data units (one per replica)");
        }
        if (new HashSet<>(ids).size() != ids.size()) {
            throw new QuoteRejected("each replica needs its own data unit: the same unit is named twice");
        }
        if (request.capacityBytes() <= 0 || request.capacityBytes() > MAX_CAPACITY_BYTES) {
            throw new QuoteRejected("capacity must be positive and at most " + MAX_CAPACITY_BYTES + " bytes");
        }
        if (request.termDays() <= 0) {
            throw new QuoteRejected("term must be at least one day");
        }
        BigDecimal egress = request.egressGbPerMonth() == null ? BigDecimal.ZERO : request.egressGbPerMonth();
        if (egress.signum() < 0) {
            throw new QuoteRejected("the egress estimate cannot be negative");
        }
        if (egress.compareTo(new BigDecimal(MAX_EGRESS_GB_PER_MONTH)) > 0 || egress.stripTrailingZeros().scale() > EGRESS_DECIMALS) {
            throw new QuoteRejected("the egress estimate must be at most " + MAX_EGRESS_GB_PER_MONTH + " GB per month with at most "
                    + EGRESS_DECIMALS + " decimals");
        }
        String currency = request.currency();
        Integer scale = currency == null ? null : decimals.get(currency);
        ExchangeRate consumerRate = currency == null ? null : rates.rate(currency).orElse(null);
        if (scale == null || consumerRate == null) {
            throw new QuoteRejected("currency " + currency + " is not accepted; accepted: " + decimals.keySet().stream().sorted().toList());
        }

        Map<UUID, DataUnit> byId = found.stream().collect(Collectors.toMap(DataUnit::id, Function.identity()));
        Set<UUID> providers = new HashSet<>();
        BigDecimal gib = BigDecimal.valueOf(request.capacityBytes()).divide(BYTES_PER_GIB, PRECISION);
        BigDecimal months = BigDecimal.valueOf(request.termDays()).divide(DAYS_PER_MONTH, PRECISION);
        List<QuoteLine> lines = new ArrayList<>();
        Map<String, ExchangeRate> applied = new TreeMap<>();
        applied.put(currency, consumerRate);
        for (UUID id : ids) {
            DataUnit unit = byId.get(id);
            if (unit == null || !unit.listed()) {
                throw new QuoteRejected("data unit " + id + " is not on the market");
            }
            if (!providers.add(unit.providerId())) {
                throw new QuoteRejected("replicas must be on different providers: two units belong to provider " + unit.providerId());
            }
            if (unit.freeBytes() < request.capacityBytes()) {
                throw new QuoteRejected("data unit " + id + " has " + unit.freeBytes() + " bytes free, fewer than the " + request.capacityBytes() + " asked");
            }
            if (request.termDays() < unit.minTermDays() || request.termDays() > unit.maxTermDays()) {
                throw new QuoteRejected("data unit " + id + " accepts terms of " + unit.minTermDays() + " to " + unit.maxTermDays() + " days");
            }
            ExchangeRate unitRate = applied.containsKey(unit.currency()) ? applied.get(unit.currency()) : rates.rate(unit.currency())
                    .orElseThrow(() -> new QuoteRejected("no exchange rate for " + unit.currency() + ", the currency of data unit " + id));
            applied.put(unit.currency(), unitRate);
            BigDecimal toConsumer = unitRate.inReference().divide(consumerRate.inReference(), PRECISION);
            BigDecimal storage = gib.multiply(months, PRECISION).multiply(unit.pricePerGbMonth(), PRECISION).multiply(toConsumer, PRECISION)
                    .setScale(scale, RoundingMode.HALF_UP);
            BigDecimal egressCost = egress.multiply(months, PRECISION).multiply(unit.egressPricePerGb(), PRECISION).multiply(toConsumer, PRECISION)
                    .setScale(scale, RoundingMode.HALF_UP);
            lines.add(new QuoteLine(unit.id(), unit.providerId(), unit.nodeId(), unit.region(), unit.currency(), unit.qos(), storage, egressCost,
                    storage.add(egressCost)));
        }
        BigDecimal subtotal = lines.stream().map(QuoteLine::subtotal).reduce(BigDecimal.ZERO.setScale(scale), BigDecimal::add);
        BigDecimal fee = subtotal.multiply(BigDecimal.valueOf(platformFeeBps)).divide(BigDecimal.valueOf(10_000), scale, RoundingMode.HALF_UP);
        Instant now = clock.instant();
        return new Quote(UUID.randomUUID(), List.copyOf(lines), request.capacityBytes(), request.termDays(), egress, currency,
                subtotal, platformFeeBps, fee, subtotal.add(fee), now, now.plus(validity), List.copyOf(applied.values()));
    }
}
