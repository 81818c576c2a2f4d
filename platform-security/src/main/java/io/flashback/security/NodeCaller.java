package io.flashback.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.Optional;

/**
 * A bridge node calling for itself: its NODE token (subject {@code node:<id>}, issued by registry-service against a
 * request signed with the node key) carries the node's public key in {@value #NODE_KEY_CLAIM}, which services encrypt
 * the node's secrets to (ADR 0005).
 */
public final class NodeCaller {

    /** The token claim with the node's secp256k1 public key, uncompressed, {@code 0x04 ‖ x ‖ y} in hex. */
    public static final String NODE_KEY_CLAIM = "node_key";

    private NodeCaller() {
    }

    /** The node key of the caller when it is node {@code nodeId} itself with a NODE token; empty for anyone else. */
    public static Optional<String> keyOf(Authentication authentication, Object nodeId) {
        Identity caller = Identity.of(authentication);
        if (!caller.hasRole("NODE") || !caller.subject().equals("node:" + nodeId)) {
            return Optional.empty();
        }
        return authentication instanceof JwtAuthenticationToken jwt ? Optional.ofNullable(jwt.getToken().getClaimAsString(NODE_KEY_CLAIM))
                : Optional.empty();
    }
}
