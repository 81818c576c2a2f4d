package io.flashback.monitor.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * One possession audit of one node.
 *
 * @param at             when the challenge was sent
 * @param expectedSha256 hex SHA-256 of the range as placed
 * @param answeredSha256 hex SHA-256 of the bytes answered (empty when none came)
 */
public record AuditResult(UUID id, UUID nodeId, String location, Instant at, String bucket, String key, RangeChallenge range,
                          AuditOutcome outcome, String expectedSha256, String answeredSha256, Duration duration, String detail) {

    public boolean passed() {
        return outcome.passed();
    }
}
