package io.flashback.orchestrator.grant;

import io.flashback.orchestrator.agreement.AgreementId;
import io.flashback.orchestrator.agreement.Agreements;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.UUID;

/**
 * The consumer looks at its agreement's S3 credentials. The secret is in the answer only the first time: the
 * platform keeps it only encrypted and the consumer is expected to store it; a lost secret is replaced by
 * {@link RotateGrantCredentials}.
 */
@Service
public class ShowGrantCredentials {

    private final Agreements agreements;
    private final DataAccessGrants grants;
    private final GrantCredentials credentials;
    private final NodeEndpoints endpoints;
    private final Clock clock;

    ShowGrantCredentials(Agreements agreements, DataAccessGrants grants, GrantCredentials credentials, NodeEndpoints endpoints, Clock clock) {
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
        return ConsumerCredentials.of(credential, endpoints, credentials.showSecretOnce(credential.accessKeyId(), clock.instant()));
    }
}
