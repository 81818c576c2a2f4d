package io.flashback.marketplace.qos;

import io.flashback.events.Topics;
import io.flashback.events.monitor.ProbeRecorded;
import io.flashback.marketplace.MarketplaceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The platform's probes, not the provider's offer, set the latency consumers search by (issue #6). */
class ProbesMeasureTheLatencyOfDataUnitsIT extends MarketplaceIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test // #6
    void answeredProbesSetTheEffectiveLatencyOfTheNodesUnitsAndOthersChangeNothing() throws Exception {
        UUID node = UUID.randomUUID();
        UUID unit = listedUnit(jdbc, node, "r-" + UUID.randomUUID().toString().substring(0, 8));
        UUID elsewhere = listedUnit(jdbc, UUID.randomUUID(), "r-other");
        Instant at = Instant.parse("2026-11-27T10:00:00Z");

        probe(node, at, true, new BigDecimal("120"));
        await().atMost(Duration.ofSeconds(20)).until(() -> effectiveLatency(unit) == 120);

        ProbeRecorded unanswered = new ProbeRecorded(UUID.randomUUID(), at.plusSeconds(30), node, null, "eu-west", "ANONYMOUS", false, "TIMEOUT",
                0, null, new BigDecimal("5000"), null, null, "no answer");
        publish(Topics.PROBES, node.toString(), unanswered, "/flashback/monitor-service");
        probe(node, at.minusSeconds(60), true, new BigDecimal("900"));
        ProbeRecorded faster = probe(node, at.plusSeconds(60), true, new BigDecimal("20"));
        publish(Topics.PROBES, node.toString(), faster, "/flashback/monitor-service");

        // 0.8 × 120 + 0.2 × 20 = 100: the unanswered, the older and the redelivered probe weigh nothing
        await().atMost(Duration.ofSeconds(20)).until(() -> effectiveLatency(unit) == 100);
        assertThat(jdbc.queryForObject("select probes from node_latency where node_id = ?", Long.class, node.toString())).isEqualTo(2);
        assertThat(effectiveLatency(elsewhere)).isEqualTo(30);
    }

    private ProbeRecorded probe(UUID node, Instant at, boolean available, BigDecimal ttfbMs) throws Exception {
        ProbeRecorded probe = new ProbeRecorded(UUID.randomUUID(), at, node, null, "eu-west", "ANONYMOUS", available, "AVAILABLE", 403, ttfbMs,
                ttfbMs, null, null, "");
        publish(Topics.PROBES, node.toString(), probe, "/flashback/monitor-service");
        return probe;
    }

    private int effectiveLatency(UUID unit) {
        return jdbc.queryForObject("select effective_latency_ms from data_unit where id = ?", Integer.class, unit);
    }
}
