package io.flashback.monitor.audit;

import java.net.URI;
import java.time.Duration;

/**
 * Signed S3 requests with the platform's own credentials on one node: what authenticated probes
 * (upload and download throughput) and possession audits (byte-range challenges) need. Every call is
 * bounded by {@code timeout} and answers rather than throws.
 */
public interface CanaryClient {

    /** Creates {@code access.bucket()} unless it exists already ({@link CanaryAnswer.Stored} either way). */
    CanaryAnswer ensureBucket(URI endpoint, CanaryAccess access, Duration timeout);

    CanaryAnswer put(URI endpoint, CanaryAccess access, String key, byte[] content, Duration timeout);

    /** The whole object. */
    CanaryAnswer get(URI endpoint, CanaryAccess access, String key, Duration timeout);

    /** Only {@code range}, with an HTTP Range request. */
    CanaryAnswer getRange(URI endpoint, CanaryAccess access, String key, RangeChallenge range, Duration timeout);
}
