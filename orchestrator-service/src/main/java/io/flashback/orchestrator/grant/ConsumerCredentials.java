package io.flashback.orchestrator.grant;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * An agreement's S3 credentials as its consumer sees them: where (the node's announced endpoint, once the orchestrator
 * has seen the announcement), which bucket, which key; the secret only the
 * one time it is shown (first look, or a rotation), empty afterwards.
 */
public record ConsumerCredentials(UUID agreementId, String nodeId, Optional<String> endpoint, String bucket, String accessKeyId,
                                  Optional<S3Secret> secret, long quotaBytes, String access, Instant issuedAt, Instant validUntil) {

    static ConsumerCredentials of(GrantCredential credential, NodeEndpoints endpoints, boolean showSecret) {
        return new ConsumerCredentials(credential.agreementId(), credential.nodeId(), endpoints.of(credential.nodeId()), credential.bucket(),
                credential.accessKeyId(),
                showSecret ? credential.secret() : Optional.empty(), credential.quotaBytes(), GrantCredential.ACCESS, credential.issuedAt(),
                credential.validUntil());
    }

    public boolean secretAlreadyShown() {
        return secret.isEmpty();
    }
}
