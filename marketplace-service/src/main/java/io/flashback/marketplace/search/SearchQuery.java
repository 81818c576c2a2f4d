package io.flashback.marketplace.search;

import io.flashback.marketplace.node.CertificationTier;
import io.flashback.marketplace.dataunit.Api;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * What a consumer looks for. Every filter is optional; prices are in the reference currency.
 *
 * @param certifiedAtLeast only units on nodes certified now at this tier or a better one
 * @param cursor           where the previous page ended (opaque, from {@link SearchPage#nextCursor()})
 */
public record SearchQuery(Optional<String> region, Optional<String> country, Optional<Api> api,
                          Optional<BigDecimal> maxPricePerGbMonth, Optional<Long> minFreeBytes,
                          Optional<BigDecimal> minAvailabilityPct, Optional<Integer> maxLatencyMs,
                          Optional<BigDecimal> minRating, Optional<String> paymentMethod,
                          Optional<Boolean> encryptionAtRest, Optional<CertificationTier> certifiedAtLeast, SortOrder sort, int limit,
                          Optional<SearchCursor> cursor) {

    public static final int MAX_LIMIT = 100;

    public SearchQuery {
        // bounded as the columns they are compared with are: a 400 naming the filter, never a database error (#13 M4)
        maxPricePerGbMonth.ifPresent(price -> bounded("maxPrice", price, "1000000000", 8));
        minAvailabilityPct.ifPresent(availability -> bounded("minAvailability", availability, "100", 3));
        minRating.ifPresent(rating -> bounded("minRating", rating, "100", 2));
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidSearchException("limit must be between 1 and " + MAX_LIMIT);
        }
        if (cursor.isPresent() && cursor.get().sort() != sort) {
            throw new InvalidSearchException("the cursor belongs to a search sorted by " + cursor.get().sort().name().toLowerCase());
        }
    }

    private static void bounded(String name, BigDecimal value, String max, int decimals) {
        if (value.signum() < 0 || value.compareTo(new BigDecimal(max)) > 0 || value.stripTrailingZeros().scale() > decimals) {
            throw new InvalidSearchException(name + " must be between 0 and " + max + " with at most " + decimals + " decimals");
        }
    }

    public static SearchQuery everything(SortOrder sort, int limit) {
        return new SearchQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), sort, limit,
                Optional.empty());
    }
}
