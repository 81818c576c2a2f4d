package io.flashback.monitor.probe;

import io.flashback.events.Topics;
import io.flashback.events.monitor.ProbeRecorded;
import io.flashback.infra.process.Ports;
import io.flashback.monitor.LoopbackHttpServer;
import io.flashback.monitor.MonitorIntegrationTest;
import io.flashback.monitor.node.MonitoredNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Anonymous probes against real HTTP servers on the loopback interface. */
class ProbingNodeEndpointsIT extends MonitorIntegrationTest {

    private static LoopbackHttpServer s3;
    private static LoopbackHttpServer failing;
    private static LoopbackHttpServer proxy;
    private static LoopbackHttpServer hanging;

    @Autowired
    ProbeActiveNodes probes;

    @BeforeAll
    static void servers() {
        s3 = LoopbackHttpServer.answering(LoopbackHttpServer.S3_ACCESS_DENIED);
        failing = LoopbackHttpServer.answering(LoopbackHttpServer.INTERNAL_ERROR);
        proxy = LoopbackHttpServer.answering(LoopbackHttpServer.NGINX_PAGE);
        hanging = LoopbackHttpServer.hanging();
    }

    @AfterAll
    static void stop() {
        for (LoopbackHttpServer server : List.of(s3, failing, proxy, hanging)) {
            server.close();
        }
    }

    @Test
    void s3ErrorDocumentCountsAsAvailableWithItsTimingsStoredAndPublished() {
        String wallet = newWallet();
        MonitoredNode node = activeNode(UUID.randomUUID(), s3.endpoint(), wallet);

        ProbeResult result = probes.probe(List.of(node)).getFirst();

        assertThat(result.outcome()).isEqualTo(ProbeOutcome.AVAILABLE);
        assertThat(result.httpStatus()).isEqualTo(403);
        assertThat(result.detail()).isEqualTo("S3 error AccessDenied");
        assertThat(result.location()).isEqualTo(LOCATION);
        assertThat(result.timeToFirstByte()).hasValueSatisfying(ttfb -> assertThat(ttfb).isLessThanOrEqualTo(result.total()));
        assertThat(jdbc.queryForObject("select outcome from probe_result where id = ?", String.class, result.id())).isEqualTo("AVAILABLE");

        ProbeRecorded published = awaitPublished(Topics.PROBES, ProbeRecorded.class, event -> event.nodeId().equals(node.nodeId()));
        assertThat(published.available()).isTrue();
        assertThat(published.providerWallet()).isEqualTo(wallet);
        assertThat(published.location()).isEqualTo(LOCATION);
        assertThat(published.kind()).isEqualTo("ANONYMOUS");
        assertThat(published.ttfbMs()).isGreaterThanOrEqualTo(BigDecimal.ZERO);
        assertThat(published.occurredAt()).isEqualTo(CLOCK.instant());
    }

    @Test
    void serverErrorProxyPageClosedPortAndSilenceCountAsUnavailable() {
        String wallet = newWallet();
        MonitoredNode erroring = activeNode(UUID.randomUUID(), failing.endpoint(), wallet);
        MonitoredNode notS3 = activeNode(UUID.randomUUID(), proxy.endpoint(), wallet);
        MonitoredNode closed = activeNode(UUID.randomUUID(), "http://127.0.0.1:" + Ports.free(), wallet);
        MonitoredNode silent = activeNode(UUID.randomUUID(), hanging.endpoint(), wallet);

        List<ProbeResult> results = probes.probe(List.of(erroring, notS3, closed, silent));

        assertThat(results).extracting(ProbeResult::outcome).containsExactly(ProbeOutcome.SERVER_ERROR, ProbeOutcome.NOT_S3,
                ProbeOutcome.CONNECTION_FAILED, ProbeOutcome.TIMEOUT);
        assertThat(results).noneMatch(ProbeResult::available);
        assertThat(results.get(0).httpStatus()).isEqualTo(500);
        assertThat(results.get(2).timeToFirstByte()).isEmpty();
        assertThat(results.get(3).total()).isGreaterThanOrEqualTo(java.time.Duration.ofSeconds(1));
        assertThat(awaitPublished(Topics.PROBES, ProbeRecorded.class, event -> event.nodeId().equals(silent.nodeId())))
                .satisfies(event -> {
                    assertThat(event.available()).isFalse();
                    assertThat(event.outcome()).isEqualTo("TIMEOUT");
                    assertThat(event.ttfbMs()).isNull();
                });
    }

    @Test
    void aRoundProbesEveryActiveNode() {
        String wallet = newWallet();
        MonitoredNode first = activeNode(UUID.randomUUID(), s3.endpoint(), wallet);
        MonitoredNode second = activeNode(UUID.randomUUID(), s3.endpoint(), wallet);

        List<ProbeResult> round = probes.probeAll();

        assertThat(round).extracting(ProbeResult::nodeId).contains(first.nodeId(), second.nodeId());
        assertThat(round).filteredOn(result -> result.nodeId().equals(first.nodeId())).singleElement()
                .extracting(ProbeResult::outcome).isEqualTo(ProbeOutcome.AVAILABLE);
    }
}
