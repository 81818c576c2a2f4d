package io.flashback.oracle.evaluation;

import java.util.List;

/**
 * The SLA terms the oracle judges an agreement by, as the orchestrator announced them.
 *
 * @param creditTiers     availability thresholds (percent) and credits (percent of the epoch payment),
 *                        strictest threshold first
 * @param slashBelowPct   availability below which collateral is slashed; NaN for never
 */
public record Terms(double availabilityTargetPct, int averageLatencyMs, double uploadMbps, double downloadMbps,
                    double auditPassRatePct, List<CreditTier> creditTiers, double slashBelowPct) {

    public record CreditTier(double belowAvailabilityPct, double creditPct) {
    }

    public Terms {
        creditTiers = creditTiers.stream()
                .sorted(java.util.Comparator.comparingDouble(CreditTier::belowAvailabilityPct).reversed()).toList();
    }

    double creditFor(double availabilityPct) {
        double credit = 0;
        for (CreditTier tier : creditTiers) {
            if (availabilityPct < tier.belowAvailabilityPct()) {
                credit = tier.creditPct();
            }
        }
        return credit;
    }
}
