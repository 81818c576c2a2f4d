package io.flashback.monitor.audit;

import io.flashback.events.Topics;
import io.flashback.events.monitor.AuditRecorded;
import io.flashback.infra.testing.BridgeNodeProcess;
import io.flashback.monitor.MonitorIntegrationTest;
import io.flashback.monitor.node.MonitoredNode;
import io.flashback.monitor.probe.ProbeActiveNodes;
import io.flashback.monitor.probe.ProbeKind;
import io.flashback.monitor.probe.ProbeOutcome;
import io.flashback.monitor.probe.ProbeResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Canary probes and possession audits against a real bridge node process (the module's jar), with the
 * grant the platform's canary credentials would come from: a kept canary passes, bytes overwritten in
 * the node's data directory fail.
 */
class AuditingCanariesOnABridgeNodeIT extends MonitorIntegrationTest {

    private static BridgeNodeProcess bridgeNode;
    private static Path dataDirectory;
    private static int port;

    @Autowired
    AuditActiveNodes audits;
    @Autowired
    CanaryCredentials credentials;
    @Autowired
    ProbeActiveNodes probes;

    @BeforeAll
    static void startBridgeNode() throws IOException {
        assumeTrue(BridgeNodeProcess.built(), "build the bridge node first: ./mvnw -pl bridge-node -DskipTests package");
        Path directory = Files.createTempDirectory("monitor-it-bridge-node-");
        dataDirectory = directory.resolve("data");
        bridgeNode = BridgeNodeProcess.serve(directory, List.of("--grant", CANARY_ACCESS_KEY + ":" + CANARY_SECRET + ":1GiB:flashback-canary*"));
        port = bridgeNode.port();
    }

    @AfterAll
    static void stopBridgeNode() {
        if (bridgeNode != null) {
            bridgeNode.close();
        }
    }

    @Test
    void anonymousProbeFindsTheRealNodeAvailable() {
        MonitoredNode node = activeNode(BRIDGE_NODE, "http://127.0.0.1:" + port, newWallet());

        ProbeResult result = probes.probe(List.of(node)).getFirst();

        assertThat(result.outcome()).isEqualTo(ProbeOutcome.AVAILABLE);
        assertThat(result.detail()).isEqualTo("S3 error AccessDenied");
    }

    @Test
    void keptCanaryPassesAndOverwrittenBytesFail() throws Exception {
        MonitoredNode node = activeNode(BRIDGE_NODE, "http://127.0.0.1:" + port, newWallet());
        CanaryAccess access = credentials.forNode(BRIDGE_NODE).orElseThrow();

        AuditResult passed = audits.audit(node, access).orElseThrow();

        assertThat(passed.outcome()).as(passed.detail()).isEqualTo(AuditOutcome.PASSED);
        assertThat(passed.answeredSha256()).isEqualTo(passed.expectedSha256());
        assertThat(passed.range().length()).isEqualTo(4096);
        Canary canary = jdbc.queryForObject("select node_id, location, bucket, object_key, size_bytes, seed_hex, placed_at from canary where node_id = ?",
                (rs, row) -> new Canary(rs.getObject(1, java.util.UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                        rs.getString(6), rs.getTimestamp(7).toInstant()), BRIDGE_NODE);
        assertThat(canary.bucket()).isEqualTo("flashback-canary");
        assertThat(jdbc.queryForObject("select count(*) from probe_result where node_id = ? and kind = ? and outcome = 'AVAILABLE' "
                + "and upload_mbps > 0 and download_mbps > 0", Long.class, BRIDGE_NODE, ProbeKind.CANARY.name())).isPositive();
        assertThat(awaitPublished(Topics.PROBES, AuditRecorded.class, event -> event.nodeId().equals(BRIDGE_NODE) && event.passed()).outcome())
                .isEqualTo("PASSED");

        tamper(canary);
        AuditResult failed = audits.audit(node, access).orElseThrow();

        assertThat(failed.outcome()).as(failed.detail()).isEqualTo(AuditOutcome.WRONG_BYTES);
        assertThat(failed.answeredSha256()).isNotEqualTo(failed.expectedSha256());
        assertThat(awaitPublished(Topics.PROBES, AuditRecorded.class, event -> event.nodeId().equals(BRIDGE_NODE) && !event.passed())
                .outcome()).isEqualTo("WRONG_BYTES");
        assertThat(jdbc.queryForObject("select audits - audits_passed from qos_rollup where subject_kind = 'NODE' and subject_id = ? "
                + "and resolution = 'HOUR' and location = ? order by bucket_start desc limit 1", Long.class, BRIDGE_NODE.toString(), LOCATION))
                .isPositive();
    }

    /** Overwrites the canary's bytes where the node's filesystem backend keeps them: objects/HH/SHA256(key), bytes first. */
    private static void tamper(Canary canary) throws IOException, NoSuchAlgorithmException {
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canary.key().getBytes(StandardCharsets.UTF_8)));
        Path file = dataDirectory.resolve("buckets").resolve(canary.bucket()).resolve("objects").resolve(hash.substring(0, 2)).resolve(hash);
        assertThat(file).exists();
        try (RandomAccessFile bytes = new RandomAccessFile(file.toFile(), "rw")) {
            bytes.seek(0);
            bytes.write(new byte[(int) canary.size()]);
        }
    }
}
