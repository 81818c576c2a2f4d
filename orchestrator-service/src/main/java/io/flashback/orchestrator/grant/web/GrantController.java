package io.flashback.orchestrator.grant.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.flashback.orchestrator.OrchestratorProperties;
import io.flashback.orchestrator.agreement.AgreementId;
import io.flashback.orchestrator.grant.ConsumerCredentials;
import io.flashback.orchestrator.grant.NodeGrants;
import io.flashback.orchestrator.grant.S3Secret;
import io.flashback.orchestrator.grant.ShowOrRotateGrantCredentials;
import io.flashback.orchestrator.grant.SyncNodeGrants;
import io.flashback.orchestrator.lifecycle.NotYours;
import io.flashback.security.Identity;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Data-access credentials for their two readers: a bridge node syncs its grants (NODE token of that node), an
 * agreement's consumer gets the S3 credentials to use them (CONSUMER token; anyone else 404 as for the agreement).
 * No answer is cacheable: they carry secrets.
 */
@RestController
class GrantController {

    /** The token claim with the node's public key (registry-service's IssueNodeToken). */
    static final String NODE_KEY_CLAIM = "node_key";

    private final SyncNodeGrants sync;
    private final ShowOrRotateGrantCredentials credentials;
    private final int pageSize;

    GrantController(SyncNodeGrants sync, ShowOrRotateGrantCredentials credentials, OrchestratorProperties properties) {
        this.sync = sync;
        this.credentials = credentials;
        this.pageSize = properties.credentials().syncPageSize();
    }

    /** The node's key changes after {@code since}, at most {@code limit} (and at most the configured page size). */
    @GetMapping("/nodes/{nodeId}/grants")
    ResponseEntity<NodeGrantsView> grants(@PathVariable String nodeId, @RequestParam(defaultValue = "0") long since,
                                          @RequestParam(required = false) Integer limit, Authentication authentication) {
        Identity identity = Identity.of(authentication);
        String nodeKey = authentication instanceof JwtAuthenticationToken jwt ? jwt.getToken().getClaimAsString(NODE_KEY_CLAIM) : null;
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        NodeGrants changes = sync.changes(new SyncNodeGrants.NodeCaller(identity.subject(), identity.hasRole("NODE"), nodeKey), nodeId, since,
                limit == null ? pageSize : Math.min(limit, pageSize));
        return noStore(NodeGrantsView.of(changes));
    }

    @GetMapping("/agreements/{id}/credentials")
    ResponseEntity<CredentialsView> credentials(@PathVariable UUID id, Authentication authentication) {
        return noStore(CredentialsView.of(credentials.show(consumer(authentication, id), new AgreementId(id))));
    }

    @PostMapping("/agreements/{id}/credentials/rotate")
    ResponseEntity<CredentialsView> rotate(@PathVariable UUID id, Authentication authentication) {
        return noStore(CredentialsView.of(credentials.rotate(consumer(authentication, id), new AgreementId(id))));
    }

    /** The caller's consumer account; without one the agreement is not found, as the agreement endpoints answer. */
    private static UUID consumer(Authentication authentication, UUID agreementId) {
        Identity identity = Identity.of(authentication);
        try {
            return Optional.ofNullable(identity.hasRole("CONSUMER") ? identity.accounts().get("CONSUMER") : null).map(UUID::fromString)
                    .orElseThrow(() -> new NotYours("agreement " + agreementId));
        } catch (IllegalArgumentException e) {
            throw new NotYours("agreement " + agreementId);
        }
    }

    private static <T> ResponseEntity<T> noStore(T body) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }

    /** The sync answer. */
    record NodeGrantsView(String nodeId, long version, boolean more, List<GrantView> grants) {

        static NodeGrantsView of(NodeGrants grants) {
            return new NodeGrantsView(grants.nodeId(), grants.version(), grants.more(), grants.grants().stream().map(GrantView::of).toList());
        }
    }

    /** An active key (every field) or a revoked one (accessKeyId, version, revoked only). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record GrantView(String accessKeyId, long version, boolean revoked, UUID agreementId, UUID owner, String bucket, Long quotaBytes,
                     String access, Instant validUntil, String encryptedSecret) {

        static GrantView of(NodeGrants.Change change) {
            return switch (change) {
                case NodeGrants.Active active -> new GrantView(active.accessKeyId(), active.version(), false, active.agreementId(), active.owner(),
                        active.bucket(), active.quotaBytes(), active.access(), active.validUntil(), active.encryptedSecret());
                case NodeGrants.Revoked revoked -> new GrantView(revoked.accessKeyId(), revoked.version(), true, null, null, null, null, null,
                        null, null);
            };
        }
    }

    /** The consumer's credentials; {@code secret} only when shown now, {@code secretAlreadyShown} true otherwise. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CredentialsView(UUID agreementId, String nodeId, String endpoint, String bucket, String accessKeyId, String secret,
                           boolean secretAlreadyShown, long quotaBytes, String access, Instant issuedAt, Instant validUntil) {

        static CredentialsView of(ConsumerCredentials credentials) {
            return new CredentialsView(credentials.agreementId(), credentials.nodeId(), credentials.endpoint().orElse(null), credentials.bucket(),
                    credentials.accessKeyId(),
                    credentials.secret().map(S3Secret::value).orElse(null), credentials.secretAlreadyShown(), credentials.quotaBytes(),
                    credentials.access(), credentials.issuedAt(), credentials.validUntil());
        }

        /** Never prints the secret. */
        @Override
        public String toString() {
            return "CredentialsView[agreementId=" + agreementId + ", bucket=" + bucket + ", accessKeyId=" + accessKeyId + ", secret="
                    + (secret == null ? "absent" : "****") + "]";
        }
    }
}
