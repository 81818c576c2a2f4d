package io.flashback.orchestrator.grant;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One access key of a data-access grant as its node must honour it: the grant's bucket, quota (the agreement's
 * capacity) and term, read-write. A grant has one active key at a time; rotating revokes it and issues another.
 * Every issue and revocation takes the next grant version, which is what nodes sync by.
 *
 * @param secret the clear secret, read only for an active key and only where it is needed (shown once to the
 *               consumer, encrypted to the node key for the node); empty for a revoked key, whose secret is erased
 */
public record GrantCredential(String accessKeyId, UUID grantId, UUID agreementId, UUID consumerId, String nodeId, String bucket,
                              long quotaBytes, Instant issuedAt, Instant validUntil, long version, Optional<Instant> revokedAt,
                              Optional<Instant> secretShownAt, Optional<S3Secret> secret) {

    /** What every grant key allows on its bucket. */
    public static final String ACCESS = "READ_WRITE";

    public boolean active() {
        return revokedAt.isEmpty();
    }
}
