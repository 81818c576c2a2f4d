package io.flashback.events.monitor;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A probe worker asked a bridge node's S3 endpoint something and timed the answer. {@code occurredAt}
 * is when the probe started.
 *
 * @param providerWallet the node's provider (null while nobody has claimed the node)
 * @param location       the probe worker's configured location (e.g. {@code eu-west})
 * @param kind           ANONYMOUS (an unsigned request: any well-formed S3 answer proves the server is up)
 *                       or CANARY (signed upload and download of the platform's canary object)
 * @param outcome        AVAILABLE, SERVER_ERROR, NOT_S3, REFUSED, TIMEOUT or CONNECTION_FAILED
 * @param httpStatus     the HTTP status answered (0 when none arrived)
 * @param ttfbMs         time to the first byte of the answer in milliseconds (null when none arrived)
 * @param totalMs        time until the answer was complete or the probe gave up, in milliseconds
 * @param uploadMbps     measured upload throughput (null unless a CANARY probe measured it)
 * @param downloadMbps   measured download throughput (null unless a CANARY probe measured it)
 */
public record ProbeRecorded(UUID eventId, Instant occurredAt, UUID nodeId, String providerWallet, String location, String kind,
                            boolean available, String outcome, int httpStatus, BigDecimal ttfbMs, BigDecimal totalMs,
                            BigDecimal uploadMbps, BigDecimal downloadMbps, String detail) implements MonitorEvent {

    @Override
    public String aggregateId() {
        return nodeId.toString();
    }
}
