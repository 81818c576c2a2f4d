package io.flashback.oracle.ingest;

import io.flashback.oracle.evaluation.NodeSample;

import java.util.List;
import java.util.Map;

/**
 * One agreement's traffic on its bridge node during one minute, as the node measured and signed it (one element of a
 * {@link MetricBatch}). Integers only, so the signed text has one spelling; throughputs are derived here.
 *
 * @param agreementId         the agreement the node's grant serves: the platform's agreement id (a UUID) or the
 *                            escrow's agreement number
 * @param minuteEpochSecond   start of the minute, Unix seconds (a multiple of 60)
 * @param requestsByOperation requests per S3 / GCS operation; they add up to {@code requests}
 * @param latencyHistogram    requests per {@link BatchText#LATENCY_BUCKETS_MS} bucket plus one for slower ones; they add
 *                            up to {@code requests}
 * @param uploadBytes         bytes of uploads large enough to measure throughput, {@code uploadMillis} the time they took
 * @param downloadBytes       the same for downloads
 * @param storedBytes         bytes the agreement's buckets held when the minute ended; -1 when the node could not tell
 */
public record UsageSample(String agreementId, long minuteEpochSecond, long requests, long serverErrors, long clientErrors,
                          Map<String, Long> requestsByOperation, long bytesIn, long bytesOut, long latencySumMs, long latencyMaxMs,
                          List<Long> latencyHistogram, long uploadBytes, long uploadMillis, long downloadBytes, long downloadMillis,
                          long storedBytes) {

    public UsageSample {
        requestsByOperation = requestsByOperation == null ? Map.of() : Map.copyOf(requestsByOperation);
        latencyHistogram = latencyHistogram == null ? List.of() : List.copyOf(latencyHistogram);
    }

    public java.time.Instant minute() {
        return java.time.Instant.ofEpochSecond(minuteEpochSecond);
    }

    /** What the SLA evaluation reads of this sample. */
    public NodeSample toNodeSample() {
        return new NodeSample(minute(), requests, serverErrors, clientErrors, latencySumMs, mbps(uploadBytes, uploadMillis),
                mbps(downloadBytes, downloadMillis));
    }

    /** Megabits per second: bytes × 8 bits over millis / 1000 s, over 10^6. */
    static double mbps(long bytes, long millis) {
        return millis <= 0 ? 0 : bytes * 8.0 / (millis * 1000.0);
    }
}
