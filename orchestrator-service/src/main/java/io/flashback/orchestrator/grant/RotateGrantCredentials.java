package io.flashback.orchestrator.grant;

import io.flashback.orchestrator.agreement.AgreementId;
import io.flashback.orchestrator.agreement.Agreements;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.UUID;

/**
 * The consumer replaces its agreement's S3 key (lost or leaked secret): the old key is revoked and a new one
 * issued, both as new grant versions, so the node refuses the old key from its next sync on. The new secret is
 * shown in this answer only.
 */
@Service
public class RotateGrantCredentials {

    private final Agreements agreements;
    private final DataAccessGrants grants;
    private final GrantCredentials credentials;
    private final NodeEndpoints endpoints;
    private final Clock clock;

    RotateGrantCredentials(Agreements agreements, DataAccessGrants grants, GrantCredentials credentials, NodeEndpoints endpoints, Clock clock) {
        this.agreements = agreements;
        this.grants = grants;
        this.credentials = credentials;
        this.endpoints = endpoints;
        this.clock = clock;
    }

    @Transactional
    public ConsumerCredentials rotate(UUID consumerId, AgreementId id) {
        ConsumersGrant.active(agreements, grants, consumerId, id);
        GrantCredential rotated = credentials.rotate(id.value(), "rotated by the consumer", clock.instant());
        return ConsumerCredentials.of(rotated, endpoints, credentials.showSecretOnce(rotated.accessKeyId(), clock.instant()));
    }
}
