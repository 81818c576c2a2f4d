package io.flashback.registry.node;

import java.util.List;
import java.util.Locale;

/**
 * What a bridge node says about itself when it announces, signed with its node key (ERC-191
 * {@code personal_sign} over {@link #canonicalMessage()}). The nonce and the timestamp (Unix
 * seconds) stop a captured announcement from being replayed.
 */
public record NodeAnnouncement(String nodeAddress, String endpoint, List<String> apis, String region, long capacityBytes,
                               String version, String nonce, long timestamp) {

    public NodeAnnouncement {
        nodeAddress = nodeAddress.toLowerCase(Locale.ROOT);
        apis = apis.stream().map(api -> api.toLowerCase(Locale.ROOT)).sorted().distinct().toList();
    }

    /** One field a line, in this order, LF line ends, no trailing newline. */
    public String canonicalMessage() {
        return String.join("\n",
                "Flashback bridge node announcement",
                "Node address: " + nodeAddress,
                "Endpoint: " + endpoint,
                "APIs: " + String.join(",", apis),
                "Region: " + region,
                "Capacity bytes: " + capacityBytes,
                "Version: " + version,
                "Nonce: " + nonce,
                "Timestamp: " + timestamp);
    }
}
