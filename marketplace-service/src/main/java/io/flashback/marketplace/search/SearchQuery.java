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
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidSearchException("limit must be between 1 and " + MAX_LIMIT);
        }
        if (cursor.isPresent() && cursor.get().sort() != sort) {
            throw new InvalidSearchException("the cursor belongs to a search sorted by " + cursor.get().sort().name().toLowerCase());
        }
    }

    public static SearchQuery everything(SortOrder sort, int limit) {
        return new SearchQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), sort, limit,
                Optional.empty());
    }
}
