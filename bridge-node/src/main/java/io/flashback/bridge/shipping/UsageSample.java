package io.flashback.bridge.shipping;

import io.flashback.bridge.metering.LatencyHistogram;
import io.flashback.bridge.metering.UsageMinute;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One agreement's usage during one minute as the oracle receives it (issue #7): integers only, so the signed text has
 * one spelling. Milliseconds are rounded up, so every part (the largest latency, the upload time) stays within the
 * whole (the latency sum) as the oracle checks.
 *
 * @param storedBytes bytes the agreement's buckets held when the sample was made, -1 when the store could not tell
 */
public record UsageSample(String agreementId, Instant minute, long requests, long serverErrors, long clientErrors,
                          Map<String, Long> requestsByOperation, long bytesIn, long bytesOut, long latencySumMs, long latencyMaxMs,
                          List<Long> latencyHistogram, long uploadBytes, long uploadMillis, long downloadBytes, long downloadMillis,
                          long storedBytes) {

    public UsageSample {
        requestsByOperation = Map.copyOf(requestsByOperation);
        latencyHistogram = List.copyOf(latencyHistogram);
    }

    /**
     * The sample of the minutes of one agreement and one minute (a node may hold several grants for one agreement).
     */
    static UsageSample of(String agreementId, Instant minute, List<UsageMinute> minutes, long storedBytes) {
        long requests = 0, serverErrors = 0, clientErrors = 0, bytesIn = 0, bytesOut = 0, latency = 0, latencyMax = 0;
        long uploadBytes = 0, uploadNanos = 0, downloadBytes = 0, downloadNanos = 0;
        Map<String, Long> byOperation = new HashMap<>();
        long[] histogram = new long[LatencyHistogram.BUCKETS];
        for (UsageMinute m : minutes) {
            requests += m.requests();
            serverErrors += m.serverErrors();
            clientErrors += m.clientErrors();
            bytesIn += m.bytesIn();
            bytesOut += m.bytesOut();
            latency += m.latencyNanosTotal();
            latencyMax = Math.max(latencyMax, m.latencyNanosMax());
            uploadBytes += m.uploadBytes();
            uploadNanos += m.uploadNanos();
            downloadBytes += m.downloadBytes();
            downloadNanos += m.downloadNanos();
            m.requestsByOperation().forEach((op, n) -> byOperation.merge(op, n, Long::sum));
            for (int i = 0; i < histogram.length; i++) histogram[i] += m.latencyHistogram().get(i);
        }
        List<Long> buckets = new ArrayList<>(histogram.length);
        for (long count : histogram) buckets.add(count);
        return new UsageSample(agreementId, minute, requests, serverErrors, clientErrors, byOperation, bytesIn, bytesOut, millis(latency),
                millis(latencyMax), buckets, uploadBytes, millis(uploadNanos), downloadBytes, millis(downloadNanos), storedBytes);
    }

    /** Nanoseconds to milliseconds, rounded up: a part never exceeds its whole, and moved bytes never take 0 ms. */
    static long millis(long nanos) {
        return (nanos + 999_999) / 1_000_000;
    }
}
