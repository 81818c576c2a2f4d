package io.flashback.orchestrator.grant;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The S3 credentials of data-access grants. A grant's first key is issued with the grant
 * ({@link DataAccessGrants#issue}) and its keys are revoked with it ({@link DataAccessGrants#revoke}).
 */
public interface GrantCredentials {

    /** The keys of {@code nodeId} changed after version {@code since}, in version order, at most {@code limit}. */
    List<GrantCredential> changedOnNode(String nodeId, long since, int limit);

    /** The highest version of any key of {@code nodeId}; 0 when it has none. */
    long latestVersionOnNode(String nodeId);

    /** The agreement's active key, with its secret. */
    Optional<GrantCredential> activeOf(UUID agreementId);

    /** Records that the key's secret is being shown; true only the first time. */
    boolean showSecretOnce(String accessKeyId, Instant at);

    /**
     * Revokes the active grant's current key (if any) and issues a new one, returned with its secret;
     * {@link NoActiveGrant} when the agreement has no active grant (any more).
     */
    GrantCredential rotate(UUID agreementId, String reason, Instant at);
}
