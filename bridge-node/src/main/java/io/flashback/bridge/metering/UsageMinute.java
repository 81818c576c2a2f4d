package io.flashback.bridge.metering;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Usage of one grant during one minute: what the node signs and ships to the oracle (issue #7) for grants that serve a
 * platform agreement.
 *
 * @param agreementId         the agreement the grant served when the minute began, null for a local grant
 * @param requestsByOperation requests per S3 / GCS operation name
 * @param latencyHistogram    requests per {@link LatencyHistogram} bucket
 * @param uploadBytes         bytes of requests that uploaded at least {@link #THROUGHPUT_MIN_BYTES}, {@code uploadNanos}
 *                            the time they took: the upload throughput
 * @param downloadBytes       the same for downloads
 */
public record UsageMinute(String accessKey, String agreementId, Instant minute, long requests, long clientErrors, long serverErrors,
                          Map<String, Long> requestsByOperation, long bytesIn, long bytesOut, long latencyNanosTotal, long latencyNanosMax,
                          List<Long> latencyHistogram, long uploadBytes, long uploadNanos, long downloadBytes, long downloadNanos) {

    /**
     * Smallest transfer counted for throughput: below it a request's time is mostly its round trip and its
     * authentication, and averaging those would report a slow link where there is none.
     */
    public static final long THROUGHPUT_MIN_BYTES = 1L << 20;

    public UsageMinute {
        requestsByOperation = Map.copyOf(requestsByOperation);
        latencyHistogram = List.copyOf(latencyHistogram);
    }
}
