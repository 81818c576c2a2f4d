package io.flashback.registry.node;

import io.flashback.registry.Rejection;
import io.flashback.registry.ratelimit.AnonymousRequestLimits;
import io.flashback.registry.ratelimit.ClientAddress;
import io.flashback.security.Identity;
import io.flashback.security.node.NodeAddressPolicy;
import io.flashback.security.node.NodeAddressRefused;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Bridge-node onboarding. Requests a node makes (announce, claim terms, claim, heartbeat) carry its
 * signature instead of a token; what a provider does needs its wallet's token and concerns only its
 * own nodes.
 */
@RestController
@RequestMapping("/nodes")
class NodeController {

    record AnnounceRequest(@NotNull @Pattern(regexp = "0x[0-9a-fA-F]{40}", message = "must be a 0x-prefixed 20-byte hex address") String nodeAddress,
                           @NotNull @Size(max = 500) @Pattern(regexp = "https?://[^\\s]+", message = "must be an http(s) URL") String endpoint,
                           @NotEmpty List<@Pattern(regexp = "s3|gcs", message = "must be s3 or gcs") String> apis,
                           @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+") String region,
                           @Positive long capacityBytes,
                           @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9.+_-]+") String version,
                           @NotNull @Pattern(regexp = "[A-Za-z0-9]{16,64}", message = "must be 16 to 64 letters or digits") String nonce,
                           @Positive long timestamp,
                           @NotBlank @Size(max = 140) String signature) {
    }

    record AnnounceResponse(UUID nodeId, String secret, NodeState state) {
    }

    record ClaimCodeRequest(@NotBlank @Size(max = 100) String secret) {
    }

    record CodeRequest(@NotBlank @Size(max = 20) String code) {
    }

    record ClaimRequest(@NotBlank @Size(max = 20) String code, @Positive long deadline, @NotBlank @Size(max = 140) String signature) {
    }

    record HeartbeatRequest(@Positive long timestamp, @NotBlank @Size(max = 140) String signature) {
    }

    record TokenRequest(@NotNull @Pattern(regexp = "[A-Za-z0-9]{16,64}", message = "must be 16 to 64 letters or digits") String nonce,
                        @Positive long timestamp, @NotBlank @Size(max = 140) String signature) {
    }


    record NodeView(UUID id, String nodeAddress, String endpoint, List<String> apis, String region, long capacityBytes, String version,
                    NodeState state, boolean online, String providerWallet, BigInteger collateral, Instant announcedAt,
                    Instant claimedAt, Instant boundOnChainAt, Instant lastHeartbeatAt, Instant offlineSince) {

        static NodeView of(BridgeNode node) {
            return new NodeView(node.id(), node.nodeAddress(), node.endpoint(), node.apis(), node.region(), node.capacityBytes(),
                    node.version(), node.state(), node.online(), node.providerWallet(), node.collateral(), node.announcedAt(),
                    node.claimedAt(), node.boundOnChainAt(), node.lastHeartbeatAt(), node.offlineSince());
        }
    }

    /** The arguments of {@code BridgeNodeRegistry.claimNode}, for the provider's wallet to send. */
    record OnChainClaim(UUID nodeId, String nodeIdBytes32, String nodeAddress, String provider, String nonce, long deadline,
                        String signature, long chainId, String registry) {
    }

    private final AnnounceBridgeNode announce;
    private final IssueClaimCode issueClaimCode;
    private final ClaimBridgeNode claimBridgeNode;
    private final RecordHeartbeat recordHeartbeat;
    private final JdbcBridgeNodes nodes;
    private final ClaimDomain domain;
    private final IssueNodeToken issueNodeToken;
    private final AnonymousRequestLimits limits;
    private final NodeAddressPolicy addresses;

    NodeController(AnnounceBridgeNode announce, IssueClaimCode issueClaimCode, ClaimBridgeNode claimBridgeNode,
                   RecordHeartbeat recordHeartbeat, JdbcBridgeNodes nodes, ClaimDomain domain, IssueNodeToken issueNodeToken,
                   AnonymousRequestLimits limits, NodeAddressPolicy addresses) {
        this.announce = announce;
        this.issueClaimCode = issueClaimCode;
        this.claimBridgeNode = claimBridgeNode;
        this.recordHeartbeat = recordHeartbeat;
        this.nodes = nodes;
        this.domain = domain;
        this.issueNodeToken = issueNodeToken;
        this.limits = limits;
        this.addresses = addresses;
    }

    /**
     * Any node key can announce itself, so a client could create nodes (and nonce and outbox rows)
     * without end; announcements are limited per client IP across instances (#13 L8).
     */
    @PostMapping("/announce")
    ResponseEntity<AnnounceResponse> announce(@Valid @RequestBody AnnounceRequest request, HttpServletRequest http) {
        limits.admit(AnonymousRequestLimits.Action.ANNOUNCEMENT, ClientAddress.of(http));
        checkEndpoint(request.endpoint());
        AnnounceBridgeNode.Announced announced = announce.announce(new NodeAnnouncement(request.nodeAddress(), request.endpoint(),
                request.apis(), request.region(), request.capacityBytes(), request.version(), request.nonce(), request.timestamp()),
                request.signature());
        return ResponseEntity.created(URI.create("/nodes/" + announced.nodeId()))
                .body(new AnnounceResponse(announced.nodeId(), announced.secret().orElse(null), announced.state()));
    }

    /**
     * The platform will probe and certify the endpoint a node announces, so it must be a public address (#13 M1): the
     * provider is told now, not when every probe fails. Connections check it again, since a name can change.
     */
    private void checkEndpoint(String endpoint) {
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (URISyntaxException e) {
            throw new Rejection(Rejection.Kind.INVALID, "Invalid endpoint", "endpoint is not a valid URL: " + e.getMessage());
        }
        try {
            addresses.checkAnnounced(uri);
        } catch (NodeAddressRefused e) {
            throw new Rejection(Rejection.Kind.INVALID, "Endpoint not public", "endpoint " + endpoint + " refused: " + e.getMessage());
        }
    }

    /** The caller's nodes with state, collateral and last heartbeat. */
    @GetMapping
    List<NodeView> mine(Authentication authentication) {
        return nodes.ofProvider(Identity.of(authentication).subject()).stream().map(NodeView::of).toList();
    }

    /**
     * A node, for its provider or an operator. A node nobody has claimed yet is visible to every
     * provider (that is how a provider finds the node it installed); another provider's node is not found.
     */
    @GetMapping("/{id}")
    ResponseEntity<NodeView> find(@PathVariable UUID id, Authentication authentication) {
        Identity caller = Identity.of(authentication);
        return nodes.find(id)
                .filter(node -> caller.subject().equals(node.providerWallet()) || caller.hasRole("OPERATOR")
                        || (!node.claimed() && caller.hasRole("PROVIDER")))
                .map(NodeView::of).map(ResponseEntity::ok).orElse(ResponseEntity.notFound().build());
    }

    @PostMapping("/{id}/claim-codes")
    @PreAuthorize("hasRole('PROVIDER')")
    ResponseEntity<IssueClaimCode.Issued> claimCode(@PathVariable UUID id, @Valid @RequestBody ClaimCodeRequest request,
                                                    Authentication authentication) {
        return ResponseEntity.status(HttpStatus.CREATED).body(issueClaimCode.issue(Identity.of(authentication).subject(), id, request.secret()));
    }

    /** What the node must sign (EIP-712), given the provider's code; the code is not used up. */
    @PostMapping("/{id}/claim-terms")
    Map<String, Object> claimTerms(@PathVariable UUID id, @Valid @RequestBody CodeRequest request) {
        ClaimBridgeNode.Terms terms = claimBridgeNode.terms(id, request.code());
        return Map.of("nodeId", id, "nodeAddress", terms.nodeAddress(), "provider", terms.claim().provider(),
                "nodeIdBytes32", NodeClaimTypedData.nodeIdBytes32(id), "nonce", terms.claim().nonce().toString(),
                "deadline", terms.claim().deadline(), "typedData", terms.claim().asJson());
    }

    @PostMapping("/{id}/claim")
    ClaimBridgeNode.Claimed claim(@PathVariable UUID id, @Valid @RequestBody ClaimRequest request) {
        return claimBridgeNode.claim(id, request.code(), request.deadline(), request.signature());
    }

    /** The node's signed claim as {@code BridgeNodeRegistry.claimNode} takes it, for its provider to submit. */
    @GetMapping("/{id}/claim")
    ResponseEntity<OnChainClaim> onChainClaim(@PathVariable UUID id, Authentication authentication) {
        String caller = Identity.of(authentication).subject();
        return nodes.find(id).filter(node -> caller.equals(node.providerWallet()))
                .flatMap(node -> nodes.storedClaim(id).map(claim -> new OnChainClaim(id, NodeClaimTypedData.nodeIdBytes32(id),
                        node.nodeAddress(), node.providerWallet(), "0", claim.deadline(), claim.signature(),
                        domain.current().chainId(), domain.current().registry())))
                .map(ResponseEntity::ok).orElse(ResponseEntity.notFound().build());
    }

    /** A NODE-role access token for a claimed node, against a request signed with its node key. */
    @PostMapping("/{id}/token")
    IssueNodeToken.Issued token(@PathVariable UUID id, @Valid @RequestBody TokenRequest request) {
        return issueNodeToken.issue(id, request.nonce(), request.timestamp(), request.signature());
    }

    @PostMapping("/{id}/heartbeats")
    NodeView heartbeat(@PathVariable UUID id, @Valid @RequestBody HeartbeatRequest request) {
        return NodeView.of(recordHeartbeat.record(id, request.timestamp(), request.signature()));
    }
}
