package io.flashback.orchestrator.grant;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The consumer may store up to {@code capacityBytes} in {@code bucket} on {@code nodeId} under one agreement,
 * until {@code validUntil}. The node learns its grants through the bridge-node sync, which also carries the S3
 * credentials ({@link GrantCredential}) encrypted to the node key (ARCHITECTURE.md §4, ADR 0005).
 *
 * @param bucket     {@link #bucketOf} the agreement
 * @param validUntil the end of the agreement's term counted from the issue ({@code termDays} days); the end of the
 *                   agreement revokes the grant earlier or at the same time
 */
public record DataAccessGrant(UUID id, UUID agreementId, UUID consumerId, String nodeId, long capacityBytes, Instant issuedAt,
                              Optional<Instant> revokedAt, Optional<String> revokeReason, String bucket, Instant validUntil) {

    public boolean active() {
        return revokedAt.isEmpty();
    }

    /**
     * The agreement's bucket on its node: {@code fb-} and the agreement id, 39 characters of lower-case letters,
     * digits and hyphens — a valid S3 bucket name, and unique because agreement ids are.
     */
    public static String bucketOf(UUID agreementId) {
        return "fb-" + agreementId;
    }
}
