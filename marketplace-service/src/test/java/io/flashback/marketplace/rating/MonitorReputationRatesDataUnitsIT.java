package io.flashback.marketplace.rating;

import io.flashback.events.Topics;
import io.flashback.events.monitor.ReputationChanged;
import io.flashback.marketplace.MarketplaceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The monitor's ReputationChanged events, sent through the real broker, rate Data Units (issue #6). */
class MonitorReputationRatesDataUnitsIT extends MarketplaceIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MockMvc mvc;

    @Test
    void aUnitsOwnReputationBecomesItsRatingAndSearchFollowsIt() throws Exception {
        String region = region();
        UUID rated = unit(UUID.randomUUID(), region);
        UUID unrated = unit(UUID.randomUUID(), region);

        send(reputation("DATA_UNIT", rated.toString(), "87.5", Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> rating(rated).compareTo(new BigDecimal("87.5")) == 0);

        mvc.perform(get("/data-units").param("region", region).param("minRating", "80"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].id", hasItem(rated.toString())))
                .andExpect(jsonPath("$.items[*].id", not(hasItem(unrated.toString()))));
        mvc.perform(get("/data-units").param("region", region).param("sort", "rating"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].id").value(rated.toString()))
                .andExpect(jsonPath("$.items[1].id").value(unrated.toString()));
        assertThat(rating(unrated)).isEqualByComparingTo("50");
    }

    @Test
    void aProvidersReputationRatesItsUnitsWithoutOneOfTheirOwn() throws Exception {
        String wallet = wallet();
        UUID node = claimedNode(wallet);
        UUID plain = unit(node, region());
        UUID ownScore = unit(node, region());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        send(reputation("DATA_UNIT", ownScore.toString(), "90", now));
        await().atMost(Duration.ofSeconds(30)).until(() -> rating(ownScore).compareTo(new BigDecimal("90")) == 0);

        send(reputation("PROVIDER", wallet.toUpperCase(Locale.ROOT).replace("0X", "0x"), "30", now));

        await().atMost(Duration.ofSeconds(30)).until(() -> rating(plain).compareTo(new BigDecimal("30")) == 0);
        assertThat(rating(ownScore)).as("the unit's own reputation wins").isEqualByComparingTo("90");
    }

    @Test
    void redeliveryAndOlderEventsDoNotOverwriteANewerScore() throws Exception {
        UUID unit = unit(UUID.randomUUID(), region());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ReputationChanged older = reputation("DATA_UNIT", unit.toString(), "20", now.minusSeconds(3600));
        ReputationChanged newer = reputation("DATA_UNIT", unit.toString(), "70", now);
        send(newer);
        await().atMost(Duration.ofSeconds(30)).until(() -> rating(unit).compareTo(new BigDecimal("70")) == 0);

        send(older);
        send(newer);
        // a later event on the same key (same partition) proves the two before it were consumed
        send(reputation("DATA_UNIT", unit.toString(), "71", now.plusSeconds(1)), unit.toString());
        await().atMost(Duration.ofSeconds(30)).until(() -> rating(unit).compareTo(new BigDecimal("71")) == 0);
        assertThat(jdbc.queryForObject("select occurred_at from reputation where subject_kind = 'DATA_UNIT' and subject_id = ?",
                java.sql.Timestamp.class, unit.toString()).toInstant()).isEqualTo(now.plusSeconds(1));

        send(older);
        send(newer);
        UUID marker = unit(UUID.randomUUID(), region());
        send(reputation("DATA_UNIT", marker.toString(), "10", now), unit.toString());
        await().atMost(Duration.ofSeconds(30)).until(() -> rating(marker).compareTo(BigDecimal.TEN) == 0);
        assertThat(rating(unit)).as("neither the older event nor the redelivered one moved the rating").isEqualByComparingTo("71");
    }

    private static ReputationChanged reputation(String kind, String subject, String score, Instant at) {
        return new ReputationChanged(UUID.randomUUID(), at, kind, subject, at.toString().substring(0, 10), new BigDecimal("50"),
                new BigDecimal(score), at.toString().substring(0, 10) + " +1 probe availability");
    }

    private void send(ReputationChanged event) throws Exception {
        send(event, event.aggregateId());
    }

    private void send(ReputationChanged event, String key) throws Exception {
        publish(Topics.QOS, key, event, "/flashback/monitor-service");
    }

    private UUID claimedNode(String wallet) {
        UUID node = UUID.randomUUID();
        jdbc.update("insert into provider_node (node_id, provider_wallet, claimed, online, active, updated_at) values (?, ?, true, true, true, now())",
                node, wallet);
        return node;
    }

    private UUID unit(UUID node, String region) {
        return listedUnit(jdbc, node, region);
    }

    private BigDecimal rating(UUID unit) {
        return jdbc.queryForObject("select rating from data_unit where id = ?", BigDecimal.class, unit);
    }

    private static String region() {
        return "r-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String wallet() {
        return "0x" + (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "").substring(0, 40);
    }
}
