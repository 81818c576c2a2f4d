package io.flashback.marketplace.reservation;

import io.flashback.events.IntegrationEvent;
import io.flashback.events.Topics;
import io.flashback.events.orchestrator.AgreementAccepted;
import io.flashback.events.orchestrator.AgreementEnded;
import io.flashback.marketplace.MarketplaceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Accepted agreements reserve capacity through the real broker; parallel demand never oversells a unit. */
class ReservingCapacityForAcceptedAgreementsIT extends MarketplaceIntegrationTest {

    private static final long GIB = 1L << 30;

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CapacityReservations reservations;

    @Test
    void eightParallelAcceptancesOfTwoGibOnATenGibUnitHoldFiveAndRefuseThree() throws Exception {
        UUID unit = unit(10 * GIB);
        List<UUID> agreements = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            UUID agreement = UUID.randomUUID();
            agreements.add(agreement);
            send(accepted(agreement, unit, 2 * GIB));
        }

        await().atMost(Duration.ofSeconds(40)).until(() -> decided(unit) == 8);

        assertThat(count(unit, "HELD")).isEqualTo(5);
        assertThat(count(unit, "REFUSED")).isEqualTo(3);
        assertThat(jdbc.queryForObject("select reserved_bytes from data_unit where id = ?", Long.class, unit)).isEqualTo(10 * GIB);
        assertThat(jdbc.queryForObject("select state from data_unit where id = ?", String.class, unit)).isEqualTo("RESERVED");
        assertThat(jdbc.queryForObject("select count(*) from outbox_event where topic = ? and payload like ?", Long.class,
                Topics.MARKETPLACE, "%" + unit + "%")).isEqualTo(8);
    }

    @Test
    void endedAgreementReleasesItsCapacityOnceEvenWhenRedelivered() throws Exception {
        UUID unit = unit(10 * GIB);
        UUID agreement = UUID.randomUUID();
        send(accepted(agreement, unit, 4 * GIB));
        await().atMost(Duration.ofSeconds(30)).until(() -> "HELD".equals(reservations.stateOf(agreement)));

        AgreementEnded ended = new AgreementEnded(UUID.randomUUID(), Instant.now(), agreement, UUID.randomUUID(), "7", UUID.randomUUID(),
                UUID.randomUUID(), unit, "node-1", 4 * GIB, "TERMINATED_BY_CONSUMER", "ACTIVE", true, "cancelled");
        send(ended);
        send(ended);
        UUID marker = UUID.randomUUID();
        send(accepted(marker, unit, GIB), agreement.toString());
        await().atMost(Duration.ofSeconds(30)).until(() -> reservations.stateOf(marker) != null);

        assertThat(reservations.stateOf(agreement)).isEqualTo("RELEASED");
        assertThat(jdbc.queryForObject("select reserved_bytes from data_unit where id = ?", Long.class, unit)).isEqualTo(GIB);
    }

    private AgreementAccepted accepted(UUID agreement, UUID unit, long bytes) {
        return new AgreementAccepted(UUID.randomUUID(), Instant.now(), agreement, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                unit, "node-1", bytes, 30, "accepted");
    }

    private UUID unit(long capacity) {
        UUID unit = UUID.randomUUID();
        jdbc.update("""
                insert into data_unit (id, provider_id, node_id, state, listed, capacity_bytes, reserved_bytes, currency,
                  price_per_gb_month, egress_price_per_gb, reference_price, region, country, api_s3, api_gcs, availability_pct,
                  latency_ms, upload_mbps, download_mbps, error_rate_ppm, min_term_days, max_term_days, payment_methods,
                  encryption_at_rest, versioning, rating, effective_latency_ms, created_at, updated_at)
                values (?, ?, 'node-1', 'AVAILABLE', true, ?, 0, 'USDC', 0.01, 0.01, 0.01, 'eu-west', 'DE', true, false, 99.9,
                  30, 100, 200, 100, 30, 365, array['fiat:USD'], true, false, 50, 30, now(), now())""", unit, UUID.randomUUID(), capacity);
        return unit;
    }

    private long decided(UUID unit) {
        return jdbc.queryForObject("select count(*) from capacity_reservation where data_unit_id = ?", Long.class, unit);
    }

    private long count(UUID unit, String state) {
        return jdbc.queryForObject("select count(*) from capacity_reservation where data_unit_id = ? and state = ?", Long.class, unit, state);
    }

    private void send(IntegrationEvent event) throws Exception {
        send(event, event.aggregateId());
    }

    private void send(IntegrationEvent event, String key) throws Exception {
        publish(Topics.ORCHESTRATOR, key, event, "/flashback/orchestrator-service");
    }
}
