package io.flashback.monitor.metrics;

import io.flashback.events.Topics;
import io.flashback.events.registry.NodeAnnounced;
import io.flashback.monitor.LoopbackHttpServer;
import io.flashback.monitor.MonitorIntegrationTest;
import io.flashback.monitor.node.MonitoredNode;
import io.flashback.monitor.probe.ProbeActiveNodes;
import io.flashback.monitor.reputation.internal.SettleReputations;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The Prometheus series operators' dashboards are built on, by their exact exposed names (README.md
 * lists them): renaming one breaks a dashboard, so it breaks this test first.
 */
class OperatorMetricsIT extends MonitorIntegrationTest {

    @Autowired
    ProbeActiveNodes probes;
    @Autowired
    SettleReputations settle;

    @Test
    void probedNodeHasItsOwnSeriesUntilItStopsBeingProbed() throws Exception {
        try (LoopbackHttpServer server = LoopbackHttpServer.answering(LoopbackHttpServer.S3_ACCESS_DENIED)) {
            CLOCK.set("2026-11-23T12:00:00Z");
            String wallet = newWallet();
            MonitoredNode node = activeNode(UUID.randomUUID(), server.endpoint(), wallet);
            String tags = "location=\"" + LOCATION + "\",node=\"" + node.nodeId() + "\",provider=\"" + wallet + "\"";

            probes.probeAll();

            assertThat(scrape()).contains(
                    "flashback_monitor_node_up{application=\"monitor-service\"," + tags + "} 1.0",
                    "flashback_monitor_node_probes_total{application=\"monitor-service\",available=\"true\"," + tags + "} 1.0",
                    "flashback_monitor_node_probes_total{application=\"monitor-service\",available=\"false\"," + tags + "} 0.0",
                    "flashback_monitor_node_ttfb_seconds_count{application=\"monitor-service\"," + tags + "} 1",
                    "flashback_monitor_node_ttfb_seconds_sum{application=\"monitor-service\"," + tags + "}",
                    "flashback_monitor_node_ttfb_seconds_max{application=\"monitor-service\"," + tags + "}",
                    "flashback_monitor_node_audit_failures_total{application=\"monitor-service\"," + tags + "} 0.0",
                    "flashback_monitor_node_upload_mbps{application=\"monitor-service\"," + tags + "}",
                    "flashback_monitor_node_download_mbps{application=\"monitor-service\"," + tags + "}",
                    "flashback_monitor_probes_total{application=\"monitor-service\",kind=\"ANONYMOUS\",location=\"" + LOCATION + "\",outcome=\"AVAILABLE\"}",
                    "flashback_monitor_probe_targets{application=\"monitor-service\",location=\"" + LOCATION + "\"}",
                    "flashback_monitor_probe_rounds_seconds_count{application=\"monitor-service\",location=\"" + LOCATION + "\"}",
                    "flashback_monitor_pipeline_lag_seconds{application=\"monitor-service\",topic=\"flashback.registry.v1\"}",
                    "flashback_monitor_pipeline_event_age_seconds{application=\"monitor-service\",topic=\"flashback.sla.v1\"}",
                    "kafka_consumer_fetch_manager_records_lag_max{application=\"monitor-service\",client_id=\"consumer-monitor-service.nodes");

            // announced again without S3: nothing left to probe
            publish(Topics.REGISTRY, new NodeAnnounced(UUID.randomUUID(), CLOCK.instant(), node.nodeId(), "0x" + "ab".repeat(20), server.endpoint(),
                    "gcs", "eu-west", 1L << 40, "0.1.0"));
            await().atMost(Duration.ofSeconds(30)).until(() -> !nodes.find(node.nodeId()).orElseThrow().probed());
            probes.probeAll();

            assertThat(scrape()).doesNotContain("node=\"" + node.nodeId() + "\"");
        }
    }

    @Test
    void scoredProvidersHaveAReputationGauge() throws Exception {
        CLOCK.set("2026-06-01T09:00:00Z");
        String wallet = newWallet();
        activeNode(UUID.randomUUID(), "http://127.0.0.1:9", wallet);
        CLOCK.set("2026-06-02T03:00:00Z");

        settle.run();

        assertThat(scrape()).contains("flashback_monitor_provider_reputation{application=\"monitor-service\",provider=\"" + wallet + "\"} 50.0");
    }

    private String scrape() throws Exception {
        return mvc.perform(get("/actuator/prometheus")).andReturn().getResponse().getContentAsString();
    }
}
