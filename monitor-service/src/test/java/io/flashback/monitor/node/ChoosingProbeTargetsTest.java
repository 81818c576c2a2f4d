package io.flashback.monitor.node;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ChoosingProbeTargetsTest {

    private static final UUID NODE = UUID.fromString("3f2b1a0c-9d8e-4c7b-a6f5-e4d3c2b1a090");

    @Test
    void claimedNodeWithAnHttpS3EndpointIsProbedOnlineOrNotActiveOrNot() {
        assertThat(node("https://node.example:9000", "s3,gcs", true, true, true).probed()).isTrue();
        assertThat(node("http://10.0.0.7:9000", "GCS, S3", true, true, false).probed()).isTrue();
        assertThat(node("https://node.example", "s3", true, false, true).probed()).as("collateral below the minimum, agreements still running")
                .isTrue();
    }

    @Test
    void unclaimedNodesNodesWithoutS3AndUnusableEndpointsAreNotProbed() {
        assertThat(node("https://node.example", "s3", false, false, true).probed()).isFalse();
        assertThat(node("https://node.example", "gcs", true, true, true).probed()).isFalse();
        assertThat(node("ftp://node.example", "s3", true, true, true).probed()).isFalse();
        assertThat(node("not a url", "s3", true, true, true).probed()).isFalse();
        assertThat(node(null, "s3", true, true, true).probed()).isFalse();
    }

    private static MonitoredNode node(String endpoint, String apis, boolean claimed, boolean active, boolean online) {
        return new MonitoredNode(NODE, endpoint, apis, "eu-west", "0x70997970c51812dc3a010c7d01b50e20d4dc79c8", claimed, active, online);
    }
}
