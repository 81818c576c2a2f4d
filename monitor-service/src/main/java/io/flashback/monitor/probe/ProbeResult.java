package io.flashback.monitor.probe;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One probe of one node from one location.
 *
 * @param at                when the probe started
 * @param httpStatus        the status answered (0 when none arrived)
 * @param timeToFirstByte   until the answer's first byte (empty when nothing answered)
 * @param total             until the answer was complete, or until the probe gave up
 * @param uploadMbps        measured by CANARY probes only
 * @param downloadMbps      measured by CANARY probes only
 * @param detail            what was seen, for people (the S3 error code, the exception, the start of a non-S3 body)
 */
public record ProbeResult(UUID id, UUID nodeId, String location, ProbeKind kind, Instant at, ProbeOutcome outcome, int httpStatus,
                          Optional<Duration> timeToFirstByte, Duration total, Optional<Double> uploadMbps, Optional<Double> downloadMbps,
                          String detail) {

    public boolean available() {
        return outcome.available();
    }
}
