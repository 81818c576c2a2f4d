package io.flashback.marketplace.dataunit;

import java.math.BigDecimal;

/**
 * The quality of service a provider offers on a unit (ARCHITECTURE.md §5 terms).
 *
 * @param availabilityPct monthly availability, e.g. 99.9
 * @param latencyMs       average latency
 * @param uploadMbps      upload throughput floor, megabits per second
 * @param downloadMbps    download throughput floor, megabits per second
 * @param errorRatePpm    error-rate ceiling in parts per million of requests
 */
public record OfferedQos(BigDecimal availabilityPct, int latencyMs, int uploadMbps, int downloadMbps, int errorRatePpm) {

    public OfferedQos {
        if (availabilityPct == null || availabilityPct.compareTo(BigDecimal.ZERO) <= 0 || availabilityPct.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new IllegalArgumentException("availability must be in (0, 100] percent");
        }
        if (latencyMs <= 0 || uploadMbps <= 0 || downloadMbps <= 0 || errorRatePpm < 0 || errorRatePpm > 1_000_000) {
            throw new IllegalArgumentException("latency and throughput floors must be positive, the error-rate ceiling within 0..1000000 ppm");
        }
    }
}
