package io.flashback.monitor.qos;

import io.flashback.monitor.LoopbackHttpServer;
import io.flashback.monitor.MonitorIntegrationTest;
import io.flashback.monitor.node.MonitoredNode;
import io.flashback.monitor.probe.ProbeActiveNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Probe results rolled up by minute and hour per node and provider, read over HTTP, and expired. */
class RollingProbesUpIntoQosSeriesIT extends MonitorIntegrationTest {

    private static LoopbackHttpServer server;

    @Autowired
    ProbeActiveNodes probes;
    @Autowired
    ApplyRetention retention;

    @BeforeAll
    static void start() {
        server = LoopbackHttpServer.answering(LoopbackHttpServer.S3_ACCESS_DENIED);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void probesAddUpPerMinuteAndHourForTheNodeAndItsProvider() throws Exception {
        server.answerFromNowOn(LoopbackHttpServer.S3_ACCESS_DENIED);
        String wallet = newWallet();
        CLOCK.set("2026-11-23T09:59:00Z");
        MonitoredNode node = activeNode(UUID.randomUUID(), server.endpoint(), wallet);
        probeAt(node, "2026-11-23T10:00:10Z");
        probeAt(node, "2026-11-23T10:00:40Z");
        probeAt(node, "2026-11-23T10:01:05Z");
        server.answerFromNowOn(LoopbackHttpServer.INTERNAL_ERROR);
        probeAt(node, "2026-11-23T11:30:00Z");
        CLOCK.set("2026-11-23T12:00:00Z");

        mvc.perform(get("/nodes/{id}/qos", node.nodeId()).param("resolution", "minute")
                        .param("from", "2026-11-23T10:00:00Z").param("to", "2026-11-23T12:00:00Z"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.subject").value("NODE"))
                .andExpect(jsonPath("$.resolution").value("minute"))
                .andExpect(jsonPath("$.points", hasSize(3)))
                .andExpect(jsonPath("$.points[0].start").value("2026-11-23T10:00:00Z"))
                .andExpect(jsonPath("$.points[0].probes").value(2))
                .andExpect(jsonPath("$.points[0].available").value(2))
                .andExpect(jsonPath("$.points[0].availabilityPct").value(100.0))
                .andExpect(jsonPath("$.points[1].start").value("2026-11-23T10:01:00Z"))
                .andExpect(jsonPath("$.points[2].start").value("2026-11-23T11:30:00Z"))
                .andExpect(jsonPath("$.points[2].availabilityPct").value(0.0))
                .andExpect(jsonPath("$.points[2].averageTtfbMs").value(nullValue()));

        mvc.perform(get("/nodes/{id}/qos", node.nodeId()).param("resolution", "hour")
                        .param("from", "2026-11-23T00:00:00Z").param("to", "2026-11-24T00:00:00Z"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.points", hasSize(2)))
                .andExpect(jsonPath("$.points[0].start").value("2026-11-23T10:00:00Z"))
                .andExpect(jsonPath("$.points[0].probes").value(3))
                .andExpect(jsonPath("$.points[1].start").value("2026-11-23T11:00:00Z"))
                .andExpect(jsonPath("$.points[1].probes").value(1))
                .andExpect(jsonPath("$.points[1].available").value(0));

        mvc.perform(get("/providers/{wallet}/qos", wallet.toUpperCase().replace("0X", "0x")).param("resolution", "hour")
                        .param("from", "2026-11-23T00:00:00Z").param("to", "2026-11-24T00:00:00Z"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.subject").value("PROVIDER"))
                .andExpect(jsonPath("$.id").value(wallet))
                .andExpect(jsonPath("$.points[0].probes").value(3))
                .andExpect(jsonPath("$.points[0].available").value(3));

        mvc.perform(get("/nodes/{id}/qos", node.nodeId()).param("resolution", "hour").param("location", "somewhere-else")
                        .param("from", "2026-11-23T00:00:00Z").param("to", "2026-11-24T00:00:00Z"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.points", hasSize(0)));
    }

    @Test
    void badQueriesAreAnsweredWithProblemDetailsSayingWhatIsWrong() throws Exception {
        String wallet = newWallet();
        MonitoredNode node = activeNode(UUID.randomUUID(), server.endpoint(), wallet);

        mvc.perform(get("/nodes/{id}/qos", node.nodeId()).param("resolution", "second"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Invalid request"))
                .andExpect(jsonPath("$.detail").value("resolution must be minute or hour, not 'second'"));
        mvc.perform(get("/nodes/{id}/qos", node.nodeId()).param("from", "2026-11-23T12:00:00Z").param("to", "2026-11-23T11:00:00Z"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail", containsString("must be before")));
        mvc.perform(get("/nodes/{id}/qos", node.nodeId()).param("from", "2026-11-01T00:00:00Z").param("to", "2026-11-23T00:00:00Z"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail", containsString("at most 24 hours")));
        mvc.perform(get("/nodes/{id}/qos", node.nodeId()).param("from", "last tuesday"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail", containsString("ISO-8601")));
        mvc.perform(get("/nodes/{id}/qos", "not-a-uuid"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail", containsString("nodeId must be a UUID")));
        mvc.perform(get("/providers/{wallet}/qos", "0x1234"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail", containsString("wallet must be an address")));
        mvc.perform(get("/nodes/{id}/qos", UUID.randomUUID()))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/providers/{wallet}/qos", newWallet()))
                .andExpect(status().isNotFound());
    }

    @Test
    void expiredResultsAndBucketsAreDeletedEachAfterItsOwnRetention() {
        server.answerFromNowOn(LoopbackHttpServer.S3_ACCESS_DENIED);
        CLOCK.set("2026-11-23T10:00:00Z");
        MonitoredNode node = activeNode(UUID.randomUUID(), server.endpoint(), newWallet());
        probeAt(node, "2026-11-23T10:00:00Z");

        CLOCK.set("2026-12-01T10:00:01Z");
        retention.run();

        assertThat(count("select count(*) from probe_result where node_id = ?", node.nodeId())).as("raw results keep 2 days").isZero();
        assertThat(count("select count(*) from qos_rollup where subject_id = ? and resolution = 'MINUTE'", node.nodeId().toString()))
                .as("minute buckets keep 7 days").isZero();
        assertThat(count("select count(*) from qos_rollup where subject_id = ? and resolution = 'HOUR'", node.nodeId().toString()))
                .as("hour buckets keep 400 days").isOne();

        CLOCK.set("2027-12-31T00:00:00Z");
        retention.run();

        assertThat(count("select count(*) from qos_rollup where subject_id = ?", node.nodeId().toString())).isZero();
    }

    private void probeAt(MonitoredNode node, String at) {
        CLOCK.set(Instant.parse(at));
        probes.probe(List.of(node));
    }

    private long count(String sql, Object argument) {
        return jdbc.queryForObject(sql, Long.class, argument);
    }
}
