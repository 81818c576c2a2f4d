package io.flashback.registry.node;

import io.flashback.registry.RegistryProperties;
import io.flashback.registry.Rejection;
import io.flashback.registry.auth.AccessTokens;
import io.flashback.registry.identity.Eip191;
import io.flashback.security.FlashbackClaims;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A claimed node exchanges a request signed with its node key for a short access token: subject
 * {@code node:<id>}, role NODE, scopes read and write, and the node's public key ({@value #NODE_KEY}) recovered from
 * the request's signature, so services can encrypt to the node key without asking the registry (the orchestrator
 * encrypts grant secrets to it, ADR 0005). Nodes nobody has claimed get none.
 */
@Service
class IssueNodeToken {

    /** Claim: the node's secp256k1 public key, uncompressed, {@code 0x04 ‖ x ‖ y} in hex. */
    static final String NODE_KEY = "node_key";

    private final JdbcBridgeNodes nodes;
    private final AccessTokens tokens;
    private final Clock clock;
    private final Duration window;

    IssueNodeToken(JdbcBridgeNodes nodes, AccessTokens tokens, Clock clock, RegistryProperties properties) {
        this.nodes = nodes;
        this.tokens = tokens;
        this.clock = clock;
        this.window = properties.nodes().signatureWindow();
    }

    record Issued(String accessToken, String tokenType, long expiresIn, Instant expiresAt) {
    }

    @Transactional
    Issued issue(UUID nodeId, String nonce, long timestamp, String signature) {
        Instant now = clock.instant();
        BridgeNode node = nodes.find(nodeId).orElseThrow(() -> NodeProblems.unknown(nodeId));
        NodeSignatures.requireFresh(timestamp, now, window, "token request");
        NodeTokenRequest request = new NodeTokenRequest(nodeId, node.nodeAddress(), nonce, timestamp);
        String publicKey = Eip191.recoverPublicKey(request.canonicalMessage(), signature);
        String signer = Eip191.addressOf(publicKey);
        if (!signer.equals(node.nodeAddress())) {
            throw NodeSignatures.wrongSigner("token request", signer, node.nodeAddress());
        }
        if (!node.claimed()) {
            throw new Rejection(Rejection.Kind.FORBIDDEN, "Node not claimed", "node " + nodeId + " gets tokens once a provider has claimed it");
        }
        if (!nodes.firstUseOfNonce(node.nodeAddress(), "token:" + nonce, now)) {
            throw new Rejection(Rejection.Kind.CONFLICT, "Replayed token request", "this node already used nonce " + nonce);
        }
        AccessTokens.Issued issued = tokens.issue(request.subject(), List.of("NODE"), List.of(FlashbackClaims.READ, FlashbackClaims.WRITE),
                Map.of(), null, Map.of(NODE_KEY, publicKey));
        return new Issued(issued.token(), "Bearer", tokens.ttl().toSeconds(), issued.expiresAt());
    }
}
