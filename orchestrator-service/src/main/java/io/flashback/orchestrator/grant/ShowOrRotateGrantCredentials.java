package io.flashback.orchestrator.grant;

import io.flashback.orchestrator.agreement.AgreementId;
import io.flashback.orchestrator.agreement.Agreements;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.UUID;

/**
 * The consumer's two moves on its agreement's S3 credentials, both only while the agreement has an active grant.
 * {@link #show}: the secret is in the answer only the first time — the platform keeps it only encrypted and the
 * consumer is expected to store it. {@link #rotate}: a lost or leaked secret is replaced — the old key is revoked and a
 * new one issued, both as new grant versions, so the node refuses the old key from its next sync on; the new secret is
 * shown in this answer only.
 */
@Service
public class ShowOrRotateGrantCredentials {

    private final Agreements agreements;
    private final DataAccessGrants grants;
    private final GrantCredentials credentials;
    private final NodeEndpoints endpoints;
    private final Clock clock;

    ShowOrRotateGrantCredentials(Agreements agreements, DataAccessGrants grants, GrantCredentials credentials, NodeEndpoints endpoints,
                                 Clock clock) {
        this.agreements = agreements;
        this.grants = grants;
        this.credentials = credentials;
        this.endpoints = endpoints;
        this.clock = clock;
    }

    @Transactional
    public ConsumerCredentials show(UUID consumerId, AgreementId id) {
        ConsumersGrant.active(agreements, grants, consumerId, id);
        // a grant issued before grants had keys (migration V4) gets its first key on first look
        GrantCredential credential = credentials.activeOf(id.value())
                .orElseGet(() -> credentials.rotate(id.value(), "first key of a grant issued before grant keys existed", clock.instant()));
        return shown(credential);
    }

    @Transactional
    public ConsumerCredentials rotate(UUID consumerId, AgreementId id) {
        ConsumersGrant.active(agreements, grants, consumerId, id);
        return shown(credentials.rotate(id.value(), "rotated by the consumer", clock.instant()));
    }

    private ConsumerCredentials shown(GrantCredential credential) {
        return ConsumerCredentials.of(credential, endpoints, credentials.showSecretOnce(credential.accessKeyId(), clock.instant()));
    }
}
