package io.flashback.orchestrator.lifecycle;

import io.flashback.orchestrator.agreement.Agreement;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A provider's standing decision on requests for its data units. AUTOMATIC accepts a request within
 * every rule and rejects one that breaks a rule, naming it; MANUAL leaves every request to the provider.
 *
 * @param minPricePerGibMonth the lowest price the provider takes, per GiB and 30 days, in {@code currency}
 */
public record AcceptanceRules(UUID providerId, Mode mode, String currency, BigDecimal minPricePerGibMonth, long maxCapacityBytes,
                              int minTermDays, int maxTermDays, Instant updatedAt) {

    public enum Mode { AUTOMATIC, MANUAL }

    private static final BigDecimal GIB = BigDecimal.valueOf(1L << 30);

    public AcceptanceRules {
        if (minPricePerGibMonth == null || minPricePerGibMonth.signum() < 0 || maxCapacityBytes <= 0 || minTermDays <= 0
                || maxTermDays < minTermDays || currency == null || currency.isBlank() || mode == null) {
            throw new IllegalArgumentException("rules need a mode, a currency, a price floor ≥ 0, a positive capacity ceiling and "
                    + "0 < min term ≤ max term");
        }
    }

    /** The rule the agreement breaks, or empty when it is within all of them. */
    public Optional<String> brokenBy(Agreement agreement) {
        if (!currency.equals(agreement.currency())) {
            return Optional.of("priced in " + agreement.currency() + ", the provider's rules are in " + currency);
        }
        if (agreement.capacityBytes() > maxCapacityBytes) {
            return Optional.of("capacity " + agreement.capacityBytes() + " bytes is above the provider's maximum of " + maxCapacityBytes);
        }
        if (agreement.termDays() < minTermDays || agreement.termDays() > maxTermDays) {
            return Optional.of("term of " + agreement.termDays() + " days is outside the provider's " + minTermDays + "–" + maxTermDays + " days");
        }
        BigDecimal gibMonths = BigDecimal.valueOf(agreement.capacityBytes()).divide(GIB, MathContext.DECIMAL64)
                .multiply(BigDecimal.valueOf(agreement.termDays())).divide(BigDecimal.valueOf(30), MathContext.DECIMAL64);
        BigDecimal perGibMonth = agreement.price().divide(gibMonths, MathContext.DECIMAL64);
        if (perGibMonth.compareTo(minPricePerGibMonth) < 0) {
            return Optional.of("price of " + perGibMonth.stripTrailingZeros().toPlainString() + " " + currency
                    + " per GiB-month is below the provider's minimum of " + minPricePerGibMonth.toPlainString());
        }
        return Optional.empty();
    }
}
