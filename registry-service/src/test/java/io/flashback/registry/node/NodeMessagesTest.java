package io.flashback.registry.node;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The exact texts a bridge node signs (ERC-191): the contract between the node and the registry. */
class NodeMessagesTest {

    private static final UUID NODE = UUID.fromString("3f2b1a0c-9d8e-4c7b-a6f5-e4d3c2b1a090");

    @Test
    void announcementTextHasOneFieldALineWithLowerCaseAddressAndSortedApis() {
        NodeAnnouncement announcement = new NodeAnnouncement("0x90F79bf6EB2c4f870365E785982E1f101E93b906", "https://node.acme.example:9000",
                List.of("S3", "gcs"), "eu-west", 1_099_511_627_776L, "0.1.0", "k3JQ9mXv2LpA7sRt", 1_795_000_000L);

        assertThat(announcement.canonicalMessage()).isEqualTo("""
                Flashback bridge node announcement
                Node address: 0x90f79bf6eb2c4f870365e785982e1f101e93b906
                Endpoint: https://node.acme.example:9000
                APIs: gcs,s3
                Region: eu-west
                Capacity bytes: 1099511627776
                Version: 0.1.0
                Nonce: k3JQ9mXv2LpA7sRt
                Timestamp: 1795000000""");
    }

    @Test
    void heartbeatText() {
        assertThat(new NodeHeartbeat(NODE, "0x90F79bf6EB2c4f870365E785982E1f101E93b906", 1_795_000_060L).canonicalMessage()).isEqualTo("""
                Flashback bridge node heartbeat
                Node id: 3f2b1a0c-9d8e-4c7b-a6f5-e4d3c2b1a090
                Node address: 0x90f79bf6eb2c4f870365e785982e1f101e93b906
                Timestamp: 1795000060""");
    }

    @Test
    void tokenRequestText() {
        NodeTokenRequest request = new NodeTokenRequest(NODE, "0x90F79bf6EB2c4f870365E785982E1f101E93b906", "t0kenNonce1234567", 1_795_000_120L);

        assertThat(request.canonicalMessage()).isEqualTo("""
                Flashback bridge node token request
                Node id: 3f2b1a0c-9d8e-4c7b-a6f5-e4d3c2b1a090
                Node address: 0x90f79bf6eb2c4f870365e785982e1f101e93b906
                Nonce: t0kenNonce1234567
                Timestamp: 1795000120""");
        assertThat(request.subject()).isEqualTo("node:3f2b1a0c-9d8e-4c7b-a6f5-e4d3c2b1a090");
    }
}
