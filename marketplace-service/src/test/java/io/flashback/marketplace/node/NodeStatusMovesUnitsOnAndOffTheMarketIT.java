package io.flashback.marketplace.node;

import io.flashback.events.IntegrationEvent;
import io.flashback.events.Topics;
import io.flashback.events.registry.NodeActivated;
import io.flashback.events.registry.NodeAnnounced;
import io.flashback.events.registry.NodeCameOnline;
import io.flashback.events.registry.NodeCertified;
import io.flashback.events.registry.NodeClaimed;
import io.flashback.events.registry.NodeWentOffline;
import io.flashback.marketplace.MarketplaceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Registry events about a node, sent through the real broker, list and unlist its Data Units. */
class NodeStatusMovesUnitsOnAndOffTheMarketIT extends MarketplaceIntegrationTest {

    private static final String WALLET = "0x90f79bf6eb2c4f870365e785982e1f101e93b906";

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ProviderNodes nodes;

    @Test
    void offlineNodeTakesItsUnitsOffTheMarketAndBringsThemBackOnline() throws Exception {
        UUID node = UUID.randomUUID();
        Instant now = Instant.now();
        send(new NodeAnnounced(UUID.randomUUID(), now, node, "0xnode", "https://node.example", "S3,GCS", "eu-west", 1L << 40, "0.1.0"));
        send(new NodeClaimed(UUID.randomUUID(), now, node, "0xnode", WALLET));
        await().atMost(Duration.ofSeconds(30)).until(() -> nodes.find(node).map(ProviderNodes.ProviderNode::claimed).orElse(false));
        send(new NodeActivated(UUID.randomUUID(), now, node, WALLET, new java.math.BigDecimal("1000")));
        await().atMost(Duration.ofSeconds(30)).until(() -> nodes.find(node).map(ProviderNodes.ProviderNode::sells).orElse(false));
        UUID unit = unitOn(node);

        send(new NodeWentOffline(UUID.randomUUID(), now.plusSeconds(600), node, WALLET, now));
        await().atMost(Duration.ofSeconds(30)).until(() -> !listed(unit));

        NodeCameOnline back = new NodeCameOnline(UUID.randomUUID(), now.plusSeconds(900), node, WALLET);
        send(back);
        await().atMost(Duration.ofSeconds(30)).until(() -> listed(unit));

        assertThat(nodes.find(node)).hasValueSatisfying(view -> {
            assertThat(view.providerWallet()).isEqualTo(WALLET);
            assertThat(view.region()).isEqualTo("eu-west");
            assertThat(view.sells()).isTrue();
        });
    }

    @Test
    void aCertificationMarksTheNodesUnitsAndAnOlderOneArrivingLateChangesNothing() throws Exception {
        UUID node = UUID.randomUUID();
        Instant now = Instant.now();
        UUID unit = unitOnASellingNode(node, now);

        send(new NodeCertified(UUID.randomUUID(), now, node, WALLET, UUID.randomUUID(), "GOLD", now.plus(Duration.ofDays(30))));
        await().atMost(Duration.ofSeconds(30)).until(() -> "GOLD".equals(tierOf(unit)));
        assertThat(jdbc.queryForObject("select certification_rank from data_unit where id = ?", Integer.class, unit)).isEqualTo(3);

        nodes.certified(node, CertificationTier.BRONZE, now.plus(Duration.ofDays(20)), now.minusSeconds(60));
        assertThat(tierOf(unit)).as("a certification ending earlier than the recorded one is older").isEqualTo("GOLD");
        nodes.certified(node, CertificationTier.SILVER, now.plus(Duration.ofDays(40)), now.plusSeconds(60));
        assertThat(tierOf(unit)).as("a renewal at another tier replaces it").isEqualTo("SILVER");
    }

    /** A unit on {@code node}, once the node is claimed and active (selling) from the registry's events. */
    private UUID unitOnASellingNode(UUID node, Instant now) throws Exception {
        send(new NodeClaimed(UUID.randomUUID(), now, node, "0xnode", WALLET));
        send(new NodeActivated(UUID.randomUUID(), now, node, WALLET, new java.math.BigDecimal("1000")));
        await().atMost(Duration.ofSeconds(30)).until(() -> nodes.find(node).map(ProviderNodes.ProviderNode::sells).orElse(false));
        return unitOn(node);
    }

    private String tierOf(UUID unit) {
        return jdbc.queryForObject("select certification_tier from data_unit where id = ?", String.class, unit);
    }

    @Test
    void redeliveredOfflineEventDoesNotUndoALaterReturn() throws Exception {
        UUID node = UUID.randomUUID();
        Instant now = Instant.now();
        UUID unit = unitOnASellingNode(node, now);
        NodeWentOffline offline = new NodeWentOffline(UUID.randomUUID(), now.plusSeconds(60), node, WALLET, now);
        send(offline);
        await().atMost(Duration.ofSeconds(30)).until(() -> !listed(unit));
        send(new NodeCameOnline(UUID.randomUUID(), now.plusSeconds(120), node, WALLET));
        await().atMost(Duration.ofSeconds(30)).until(() -> listed(unit));

        send(offline);
        UUID marker = UUID.randomUUID();
        send(new NodeAnnounced(UUID.randomUUID(), now, marker, "0xother", "https://other", "S3", "us-east", 1, "0.1.0"), node.toString());
        await().atMost(Duration.ofSeconds(30)).until(() -> nodes.find(marker).isPresent());

        assertThat(listed(unit)).as("the redelivered offline event was ignored").isTrue();
    }

    private UUID unitOn(UUID node) {
        UUID unit = UUID.randomUUID();
        jdbc.update("""
                insert into data_unit (id, provider_id, node_id, state, listed, capacity_bytes, reserved_bytes, currency,
                  price_per_gb_month, egress_price_per_gb, reference_price, region, country, api_s3, api_gcs, availability_pct,
                  latency_ms, upload_mbps, download_mbps, error_rate_ppm, min_term_days, max_term_days, payment_methods,
                  encryption_at_rest, versioning, rating, effective_latency_ms, created_at, updated_at)
                values (?, ?, ?, 'AVAILABLE', true, 1000000000, 0, 'USDC', 0.01, 0.01, 0.01, 'eu-west', 'DE', true, false, 99.9,
                  30, 100, 200, 100, 30, 365, array['fiat:USD'], true, false, 50, 30, now(), now())""",
                unit, UUID.randomUUID(), node.toString());
        return unit;
    }

    private boolean listed(UUID unit) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select listed from data_unit where id = ?", Boolean.class, unit));
    }

    private void send(IntegrationEvent event) throws Exception {
        send(event, event.aggregateId());
    }

    private void send(IntegrationEvent event, String key) throws Exception {
        publish(Topics.REGISTRY, key, event, "/flashback/registry-service");
    }
}
