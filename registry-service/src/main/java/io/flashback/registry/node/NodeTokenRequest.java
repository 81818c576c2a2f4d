package io.flashback.registry.node;

import java.util.Locale;
import java.util.UUID;

/**
 * A claimed bridge node asking for an access token with the NODE role (to call the platform through
 * the gateway, e.g. to deliver metric batches), signed with its node key (ERC-191 over
 * {@link #canonicalMessage()}); the nonce and the timestamp (Unix seconds) stop replays.
 */
public record NodeTokenRequest(UUID nodeId, String nodeAddress, String nonce, long timestamp) {

    public NodeTokenRequest {
        nodeAddress = nodeAddress.toLowerCase(Locale.ROOT);
    }

    public String canonicalMessage() {
        return String.join("\n",
                "Flashback bridge node token request",
                "Node id: " + nodeId,
                "Node address: " + nodeAddress,
                "Nonce: " + nonce,
                "Timestamp: " + timestamp);
    }

    /** The subject of a node's tokens. */
    public String subject() {
        return "node:" + nodeId;
    }
}
