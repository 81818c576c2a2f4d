package io.flashback.orchestrator.grant;

import io.flashback.orchestrator.agreement.Agreement;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Issued and revoked data-access grants, one per agreement. */
public interface DataAccessGrants {

    /**
     * Issues the agreement's grant with its first S3 key ({@link GrantCredentials}), or returns the one already
     * issued (a retry issues nothing new).
     */
    DataAccessGrant issue(Agreement agreement, Instant at);

    /** Revokes the agreement's grant and its keys if it has an active one; nothing otherwise. */
    void revoke(UUID agreementId, String reason, Instant at);

    Optional<DataAccessGrant> ofAgreement(UUID agreementId);

    /** The grants a node must honour now. */
    List<DataAccessGrant> activeOnNode(String nodeId);
}
