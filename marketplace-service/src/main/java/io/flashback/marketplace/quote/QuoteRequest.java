package io.flashback.marketplace.quote;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * What a consumer wants priced: the same data on each of {@code dataUnitIds} (redundancy R =
 * their number, each of a different provider), for a term, with an egress estimate, in a currency.
 */
public record QuoteRequest(List<UUID> dataUnitIds, long capacityBytes, int termDays, BigDecimal egressGbPerMonth, String currency) {
}
