package io.flashback.orchestrator.agreement;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the provider promises and what happens when it does not deliver (ARCHITECTURE.md §5).
 *
 * @param availabilityTargetPct per-epoch availability promised
 * @param averageLatencyMs      average latency ceiling
 * @param uploadMbps            upload throughput floor
 * @param downloadMbps          download throughput floor
 * @param errorRatePpm          error-rate ceiling, parts per million of requests
 * @param auditPassRatePct      share of possession audits that must pass
 * @param epochLength           how often compliance is judged and settled
 * @param creditTiers           refunds by availability, strictest threshold first
 * @param slashBelowPct         availability below which collateral is slashed as well
 */
public record SlaTerms(BigDecimal availabilityTargetPct, int averageLatencyMs, int uploadMbps, int downloadMbps, int errorRatePpm,
                       BigDecimal auditPassRatePct, Duration epochLength, List<CreditTier> creditTiers, BigDecimal slashBelowPct) {

    public SlaTerms {
        if (availabilityTargetPct == null || availabilityTargetPct.signum() <= 0 || availabilityTargetPct.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new InvalidSlaTerms("the availability target must be in (0, 100] percent");
        }
        if (averageLatencyMs <= 0 || uploadMbps <= 0 || downloadMbps <= 0 || errorRatePpm < 0) {
            throw new InvalidSlaTerms("latency and throughput floors must be positive and the error-rate ceiling not negative");
        }
        if (epochLength == null || epochLength.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new InvalidSlaTerms("an epoch lasts at least one minute");
        }
        creditTiers = creditTiers.stream().sorted(Comparator.comparing(CreditTier::belowAvailabilityPct).reversed()).toList();
        for (int i = 1; i < creditTiers.size(); i++) {
            if (creditTiers.get(i).belowAvailabilityPct().compareTo(creditTiers.get(i - 1).belowAvailabilityPct()) == 0) {
                throw new InvalidSlaTerms("two credit tiers share the threshold " + creditTiers.get(i).belowAvailabilityPct());
            }
            if (creditTiers.get(i).creditPct().compareTo(creditTiers.get(i - 1).creditPct()) <= 0) {
                throw new InvalidSlaTerms("a lower availability must earn a larger credit");
            }
        }
        if (!creditTiers.isEmpty() && creditTiers.getFirst().belowAvailabilityPct().compareTo(availabilityTargetPct) > 0) {
            throw new InvalidSlaTerms("no credit tier may start above the availability target");
        }
    }

    /** AWS S3 Standard's tiers on a 99.9 % target, slashing below 95 %. */
    public static SlaTerms standard(Duration epochLength) {
        return new SlaTerms(new BigDecimal("99.9"), 50, 80, 160, 100, new BigDecimal("99"), epochLength,
                List.of(new CreditTier(new BigDecimal("99.9"), BigDecimal.TEN), new CreditTier(new BigDecimal("99.0"), new BigDecimal("25")),
                        new CreditTier(new BigDecimal("95.0"), new BigDecimal("100"))),
                new BigDecimal("95.0"));
    }

    /** The credit an epoch with this availability earns the consumer, in percent of its payment. */
    public BigDecimal creditFor(BigDecimal measuredAvailabilityPct) {
        Optional<CreditTier> tier = creditTiers.reversed().stream()
                .filter(candidate -> measuredAvailabilityPct.compareTo(candidate.belowAvailabilityPct()) < 0)
                .findFirst();
        return tier.map(CreditTier::creditPct).orElse(BigDecimal.ZERO);
    }

    public boolean slashes(BigDecimal measuredAvailabilityPct) {
        return slashBelowPct != null && measuredAvailabilityPct.compareTo(slashBelowPct) < 0;
    }
}
