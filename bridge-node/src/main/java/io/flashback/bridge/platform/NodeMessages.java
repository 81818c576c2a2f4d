package io.flashback.bridge.platform;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The exact texts the node signs with ERC-191 {@code personal_sign}, as registry-service documents them
 * (registry-service/README.md, "Bridge nodes"): one field a line, LF line ends, no trailing newline,
 * the node address in lower case, the APIs lower case, sorted and comma-separated.
 */
public final class NodeMessages {
    private NodeMessages() {}

    public static String announcement(String nodeAddress, NodeDetails details, String nonce, long timestamp) {
        return String.join("\n",
                "Flashback bridge node announcement",
                "Node address: " + nodeAddress.toLowerCase(Locale.ROOT),
                "Endpoint: " + details.endpoint(),
                "APIs: " + String.join(",", canonicalApis(details.apis())),
                "Region: " + details.region(),
                "Capacity bytes: " + details.capacityBytes(),
                "Version: " + details.version(),
                "Nonce: " + nonce,
                "Timestamp: " + timestamp);
    }

    public static String heartbeat(UUID nodeId, String nodeAddress, long timestamp) {
        return String.join("\n",
                "Flashback bridge node heartbeat",
                "Node id: " + nodeId,
                "Node address: " + nodeAddress.toLowerCase(Locale.ROOT),
                "Timestamp: " + timestamp);
    }

    public static String tokenRequest(UUID nodeId, String nodeAddress, String nonce, long timestamp) {
        return String.join("\n",
                "Flashback bridge node token request",
                "Node id: " + nodeId,
                "Node address: " + nodeAddress.toLowerCase(Locale.ROOT),
                "Nonce: " + nonce,
                "Timestamp: " + timestamp);
    }

    static List<String> canonicalApis(List<String> apis) {
        return apis.stream().map(api -> api.toLowerCase(Locale.ROOT)).sorted().distinct().toList();
    }
}
