package io.flashback.bridge.metering;

import java.util.List;

/**
 * The fixed latency buckets every node reports (the oracle's {@code MetricBatchAccepted.LATENCY_BUCKETS_MS}): counts
 * per bucket are enough for a p95 to within a bucket, add up across minutes and nodes, and cost twelve numbers a
 * sample. Upper bounds in milliseconds; the last bucket counts everything slower than 10 s.
 */
public final class LatencyHistogram {
    public static final List<Long> BOUNDS_MS = List.of(5L, 10L, 25L, 50L, 100L, 250L, 500L, 1_000L, 2_500L, 5_000L, 10_000L);
    public static final int BUCKETS = BOUNDS_MS.size() + 1;

    private static final long[] BOUNDS_NANOS = BOUNDS_MS.stream().mapToLong(ms -> ms * 1_000_000L).toArray();

    private LatencyHistogram() {}

    /** The bucket of a request that took {@code nanos}: the first whose bound it does not exceed. */
    public static int bucket(long nanos) {
        for (int i = 0; i < BOUNDS_NANOS.length; i++) {
            if (nanos <= BOUNDS_NANOS[i]) return i;
        }
        return BOUNDS_NANOS.length;
    }
}
