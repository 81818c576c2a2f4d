package io.flashback.bridge.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The texts the node signs, byte for byte as registry-service pins them (its NodeMessagesTest, same values): a change
 * on either side breaks onboarding, so both sides keep the same expectations.
 */
class NodeMessagesTest {
    private static final UUID NODE = UUID.fromString("3f2b1a0c-9d8e-4c7b-a6f5-e4d3c2b1a090");
    private static final String ADDRESS = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";

    @Test
    void announcementTextHasOneFieldALineWithLowerCaseAddressAndSortedApis() {
        NodeDetails details = new NodeDetails("https://node.acme.example:9000", List.of("S3", "gcs"), "eu-west", 1_099_511_627_776L, "0.1.0");

        assertThat(NodeMessages.announcement(ADDRESS, details, "k3JQ9mXv2LpA7sRt", 1_795_000_000L)).isEqualTo("""
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
        assertThat(NodeMessages.heartbeat(NODE, ADDRESS, 1_795_000_060L)).isEqualTo("""
                Flashback bridge node heartbeat
                Node id: 3f2b1a0c-9d8e-4c7b-a6f5-e4d3c2b1a090
                Node address: 0x90f79bf6eb2c4f870365e785982e1f101e93b906
                Timestamp: 1795000060""");
    }

    @Test
    void tokenRequestText() {
        assertThat(NodeMessages.tokenRequest(NODE, ADDRESS, "t0kenNonce1234567", 1_795_000_120L)).isEqualTo("""
                Flashback bridge node token request
                Node id: 3f2b1a0c-9d8e-4c7b-a6f5-e4d3c2b1a090
                Node address: 0x90f79bf6eb2c4f870365e785982e1f101e93b906
                Nonce: t0kenNonce1234567
                Timestamp: 1795000120""");
    }

    @Test
    void textsEndWithoutNewlineAndUseLineFeedsOnly() {
        String text = NodeMessages.heartbeat(NODE, ADDRESS, 1L);
        assertThat(text).doesNotEndWith("\n").doesNotContain("\r");
    }

    @Test
    void noncesAreSingleUseLettersAndDigitsTheRegistryAccepts() {
        assertThat(Nonces.next()).matches("[A-Za-z0-9]{16,64}").isNotEqualTo(Nonces.next());
    }
}
