package io.flashback.bridge.metering;

import java.time.Instant;

/**
 * One served request, as metered.
 *
 * @param protocol  s3 or gcs
 * @param accessKey the grant's access key, or {@code anonymous} when authentication failed
 */
public record RequestRecord(String protocol, String operation, String accessKey, int status, long bytesIn, long bytesOut,
                            long latencyNanos, Instant at) {

    public String statusClass() {
        return (status / 100) + "xx";
    }
}
