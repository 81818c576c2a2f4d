package io.flashback.monitor.qos;

import java.time.Instant;

/**
 * One bucket of a QoS series. Averages are null when nothing was measured in the bucket; latencies
 * count answered (available) probes only, so a fast error page cannot improve a node's latency.
 *
 * @param availabilityPct available probes ÷ probes × 100
 */
public record QosPoint(Instant start, long probes, long available, Double availabilityPct, Double averageTtfbMs, Double maxTtfbMs,
                       Double averageTotalMs, Double averageUploadMbps, Double averageDownloadMbps, long audits, long auditsPassed) {
}
