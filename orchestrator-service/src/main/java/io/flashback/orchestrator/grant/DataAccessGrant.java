package io.flashback.orchestrator.grant;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The consumer may store up to {@code capacityBytes} on {@code nodeId} under one agreement. The node
 * learns its grants through the bridge-node sync, which also carries the S3 credentials encrypted to
 * the node key (ARCHITECTURE.md §4).
 */
public record DataAccessGrant(UUID id, UUID agreementId, UUID consumerId, String nodeId, long capacityBytes, Instant issuedAt,
                              Optional<Instant> revokedAt, Optional<String> revokeReason) {

    public boolean active() {
        return revokedAt.isEmpty();
    }
}
