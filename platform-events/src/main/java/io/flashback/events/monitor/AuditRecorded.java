package io.flashback.events.monitor;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A possession audit: the platform asked a node for a random byte range of a canary object whose
 * content it knows and compared the SHA-256 of the answer with its own. Wrong bytes, a missing
 * object or no answer in time fail the audit. {@code occurredAt} is when the challenge was sent.
 *
 * @param rangeStart     first byte challenged (inclusive)
 * @param rangeEnd       last byte challenged (inclusive)
 * @param outcome        PASSED, WRONG_BYTES, MISSING, TIMEOUT or ERROR
 * @param expectedSha256 hex SHA-256 of the range as placed
 * @param answeredSha256 hex SHA-256 of what the node answered (empty when it answered no bytes)
 */
public record AuditRecorded(UUID eventId, Instant occurredAt, UUID nodeId, String providerWallet, String location, String bucket,
                            String objectKey, long rangeStart, long rangeEnd, boolean passed, String outcome, String expectedSha256,
                            String answeredSha256, BigDecimal durationMs, String detail) implements MonitorEvent {

    @Override
    public String aggregateId() {
        return nodeId.toString();
    }
}
