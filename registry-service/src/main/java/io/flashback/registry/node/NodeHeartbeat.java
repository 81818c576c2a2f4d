package io.flashback.registry.node;

import java.util.Locale;
import java.util.UUID;

/**
 * A bridge node's sign of life, signed with its node key (ERC-191 over {@link #canonicalMessage()}).
 * Its timestamp (Unix seconds) must be recent and later than the node's previous heartbeat, so a
 * captured heartbeat cannot be replayed to keep a dead node "online".
 */
public record NodeHeartbeat(UUID nodeId, String nodeAddress, long timestamp) {

    public NodeHeartbeat {
        nodeAddress = nodeAddress.toLowerCase(Locale.ROOT);
    }

    public String canonicalMessage() {
        return String.join("\n",
                "Flashback bridge node heartbeat",
                "Node id: " + nodeId,
                "Node address: " + nodeAddress,
                "Timestamp: " + timestamp);
    }
}
