package io.flashback.monitor.node;

import io.flashback.events.Topics;
import io.flashback.events.registry.NodeActivated;
import io.flashback.events.registry.NodeAnnounced;
import io.flashback.events.registry.NodeCameOnline;
import io.flashback.events.registry.NodeClaimed;
import io.flashback.events.registry.NodeDeactivated;
import io.flashback.events.registry.NodeWentOffline;
import io.flashback.monitor.MonitorIntegrationTest;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Registry events about a node, sent through the real broker, build the read model the probes work from. */
class RegistryEventsBuildTheNodeReadModelIT extends MonitorIntegrationTest {

    private static final String NODE_ADDRESS = "0x90f79bf6eb2c4f870365e785982e1f101e93b906";

    @Test
    void announcedClaimedAndActivatedNodeIsProbedWithItsProvider() {
        UUID node = UUID.randomUUID();
        String wallet = "0x70997970C51812DC3A010C7D01B50E20D4DC79C8";
        Instant at = Instant.parse("2026-11-23T11:00:00Z");

        publish(Topics.REGISTRY, new NodeAnnounced(UUID.randomUUID(), at, node, NODE_ADDRESS, "https://node.acme.example:9000", "s3,gcs",
                "eu-west", 1L << 40, "0.1.0"));
        publish(Topics.REGISTRY, new NodeClaimed(UUID.randomUUID(), at.plusSeconds(60), node, NODE_ADDRESS, wallet));
        publish(Topics.REGISTRY, new NodeActivated(UUID.randomUUID(), at.plusSeconds(120), node, wallet, new BigDecimal("1000")));
        await().atMost(Duration.ofSeconds(30)).until(() -> nodes.find(node).map(MonitoredNode::active).orElse(false));

        assertThat(nodes.find(node)).hasValue(new MonitoredNode(node, "https://node.acme.example:9000", "s3,gcs", "eu-west",
                "0x70997970c51812dc3a010c7d01b50e20d4dc79c8", true, true, true));
        assertThat(nodes.probeTargets()).extracting(MonitoredNode::nodeId).contains(node);
        assertThat(nodes.knowsProvider(wallet)).isTrue();
    }

    @Test
    void offlineAndDeactivatedNodesAreStillProbedForTheAgreementsTheyServe() {
        UUID offline = UUID.randomUUID();
        UUID deactivated = UUID.randomUUID();
        String wallet = newWallet();
        activeNode(offline, "http://127.0.0.1:9", wallet);
        activeNode(deactivated, "http://127.0.0.1:9", wallet);

        publish(Topics.REGISTRY, new NodeWentOffline(UUID.randomUUID(), CLOCK.instant(), offline, wallet, CLOCK.instant()));
        publish(Topics.REGISTRY, new NodeDeactivated(UUID.randomUUID(), CLOCK.instant(), deactivated, wallet, BigDecimal.ZERO));
        await().atMost(Duration.ofSeconds(30)).until(() -> !nodes.find(offline).orElseThrow().online()
                && !nodes.find(deactivated).orElseThrow().active());

        // a slash can take a node below the minimum while its agreements run: their epochs are judged on probes
        assertThat(nodes.probeTargets()).extracting(MonitoredNode::nodeId).contains(offline, deactivated);
    }

    @Test
    void redeliveredEventsChangeNothing() {
        UUID node = UUID.randomUUID();
        String wallet = newWallet();
        activeNode(node, "http://127.0.0.1:9", wallet);
        NodeWentOffline offline = new NodeWentOffline(UUID.randomUUID(), CLOCK.instant(), node, wallet, CLOCK.instant());
        NodeActivated activatedAgain = new NodeActivated(UUID.randomUUID(), CLOCK.instant(), node, wallet, new BigDecimal("1000"));
        publish(Topics.REGISTRY, offline);
        publish(Topics.REGISTRY, activatedAgain);
        publish(Topics.REGISTRY, new NodeCameOnline(UUID.randomUUID(), CLOCK.instant(), node, wallet));
        publish(Topics.REGISTRY, new NodeDeactivated(UUID.randomUUID(), CLOCK.instant(), node, wallet, BigDecimal.ZERO));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            MonitoredNode now = nodes.find(node).orElseThrow();
            return now.online() && !now.active();
        });

        publish(Topics.REGISTRY, offline);
        publish(Topics.REGISTRY, activatedAgain);
        // a later event on the node's partition: once it is applied, the redeliveries before it were seen
        publish(Topics.REGISTRY, new NodeAnnounced(UUID.randomUUID(), CLOCK.instant(), node, NODE_ADDRESS, "https://moved.example", "s3",
                "eu-west", 1, "0.1.1"));
        await().atMost(Duration.ofSeconds(30)).until(() -> nodes.find(node).orElseThrow().endpoint().equals("https://moved.example"));

        MonitoredNode after = nodes.find(node).orElseThrow();
        assertThat(after.online()).as("the redelivered offline event was ignored").isTrue();
        assertThat(after.active()).as("the redelivered activation was ignored").isFalse();
        assertThat(jdbc.queryForObject("select count(*) from processed_event where event_id = ?", Long.class, offline.eventId())).isOne();
    }

    @Test
    void eventsOfANodeNobodyClaimedYetApplyToo() {
        UUID node = UUID.randomUUID();

        publish(Topics.REGISTRY, new NodeWentOffline(UUID.randomUUID(), CLOCK.instant(), node, null, null));
        await().atMost(Duration.ofSeconds(30)).until(() -> nodes.find(node).isPresent());

        assertThat(nodes.find(node).orElseThrow()).satisfies(view -> {
            assertThat(view.online()).isFalse();
            assertThat(view.providerWallet()).isNull();
            assertThat(view.claimed()).isFalse();
        });
    }
}
