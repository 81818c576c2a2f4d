package io.flashback.oracle.evaluation;

import java.time.Instant;

/**
 * One minute of one agreement's traffic as its bridge node reported it (signed, in a metric batch).
 *
 * @param minute           start of the minute
 * @param latencySumMs     sum of request latencies, for the average
 * @param uploadMbps       throughput of the minute's uploads, 0 when there were none
 * @param downloadMbps     throughput of the minute's downloads, 0 when there were none
 */
public record NodeSample(Instant minute, long requests, long serverErrors, long clientErrors, long latencySumMs,
                         double uploadMbps, double downloadMbps) {

    public NodeSample {
        if (requests < 0 || serverErrors < 0 || clientErrors < 0 || serverErrors + clientErrors > requests || latencySumMs < 0) {
            throw new IllegalArgumentException("a sample's counts must be non-negative and its errors no more than its requests");
        }
    }
}
