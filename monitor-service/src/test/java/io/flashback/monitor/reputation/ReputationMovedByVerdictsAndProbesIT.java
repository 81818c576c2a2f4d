package io.flashback.monitor.reputation;

import io.flashback.events.Topics;
import io.flashback.events.monitor.PenaltyWarningRaised;
import io.flashback.events.monitor.ReputationChanged;
import io.flashback.events.oracle.SlaVerdictReached;
import io.flashback.events.orchestrator.AgreementActivated;
import io.flashback.monitor.LoopbackHttpServer;
import io.flashback.monitor.MonitorIntegrationTest;
import io.flashback.monitor.node.MonitoredNode;
import io.flashback.monitor.probe.ProbeActiveNodes;
import io.flashback.monitor.reputation.internal.SettleReputations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Reputations per Data Unit and provider moved by the oracle's verdicts (sent through the broker),
 * by the platform's probes on days without verdicts, decaying without data, with warnings before a fall.
 */
class ReputationMovedByVerdictsAndProbesIT extends MonitorIntegrationTest {

    private static final String VALIDATOR_A = "0x976ea74026e726554db657fa54763abd0c3a0aa9";
    private static final String VALIDATOR_B = "0x14dc79964da2c08b23698b3d3cc7ca32193d9955";

    private static LoopbackHttpServer server;

    @Autowired
    SettleReputations settle;
    @Autowired
    ProbeActiveNodes probes;

    @BeforeAll
    static void start() {
        server = LoopbackHttpServer.answering(LoopbackHttpServer.S3_ACCESS_DENIED);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void metVerdictBeatingTheTargetRaisesDataUnitAndProviderThenNoDataDecaysThem() throws Exception {
        LocalDate day = LocalDate.of(2026, 3, 10);
        CLOCK.set("2026-03-10T08:00:00Z");
        String wallet = newWallet();
        UUID node = UUID.randomUUID();
        UUID dataUnit = UUID.randomUUID();
        activeNode(node, "http://127.0.0.1:9", wallet);
        AgreementActivated agreement = ReputationFixtures.activated(dataUnit, node, CLOCK.instant());
        publish(Topics.ORCHESTRATOR, agreement);
        SlaVerdictReached verdict = ReputationFixtures.verdict(agreement, day, true, 999_900, VALIDATOR_A);
        publish(Topics.SLA, verdict);
        awaitVerdicts(verdict, 1);

        CLOCK.set("2026-03-11T02:30:00Z");
        SettleReputations.Run run = settle.run();

        assertThat(run.changed()).filteredOn(event -> event.subjectId().equals(dataUnit.toString())).singleElement().satisfies(event -> {
            assertThat(event.subjectKind()).isEqualTo("DATA_UNIT");
            assertThat(event.day()).isEqualTo("2026-03-10");
            assertThat(event.previousScore()).isEqualByComparingTo("50");
            assertThat(event.score()).isEqualByComparingTo("55");
            assertThat(event.reasons()).isEqualTo("2026-03-10 +2 SLA met; 2026-03-10 +3 beat the SLA by more than 20 %");
        });
        assertThat(awaitPublished(Topics.QOS, ReputationChanged.class, event -> event.subjectId().equals(wallet)).score())
                .isEqualByComparingTo("55");
        mvc.perform(get("/providers/{wallet}/reputation", wallet))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.score").value(55.0))
                .andExpect(jsonPath("$.asOf").value("2026-03-10"))
                .andExpect(jsonPath("$.changes[0].reason").value("SLA met"))
                .andExpect(jsonPath("$.dataUnits", hasSize(1)))
                .andExpect(jsonPath("$.dataUnits[0].dataUnitId").value(dataUnit.toString()))
                .andExpect(jsonPath("$.dataUnits[0].score").value(55.0));
        assertThat(settle.run().changed()).as("a settled day is settled once").noneMatch(event -> event.subjectId().equals(dataUnit.toString()));

        CLOCK.set("2026-03-17T02:30:00Z");
        settle.run();

        mvc.perform(get("/data-units/{id}/reputation", dataUnit))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.subject").value("DATA_UNIT"))
                .andExpect(jsonPath("$.score").value(53.0))
                .andExpect(jsonPath("$.asOf").value("2026-03-16"))
                .andExpect(jsonPath("$.changes[2].reason").value("no data for 6 day(s): decays toward 50"));
        assertThat(awaitPublished(Topics.QOS, ReputationChanged.class,
                event -> event.subjectId().equals(dataUnit.toString()) && event.day().equals("2026-03-16")).reasons())
                .isEqualTo("2026-03-16 -2 no data for 6 day(s): decays toward 50");
    }

    @Test
    void breachingDayWarnsOnceWhileItRunsAndLowersTheScoreOnceClosed() throws Exception {
        LocalDate day = LocalDate.of(2026, 4, 2);
        CLOCK.set("2026-04-02T06:00:00Z");
        String wallet = newWallet();
        UUID node = UUID.randomUUID();
        UUID dataUnit = UUID.randomUUID();
        activeNode(node, "http://127.0.0.1:9", wallet);
        AgreementActivated agreement = ReputationFixtures.activated(dataUnit, node, CLOCK.instant());
        publish(Topics.ORCHESTRATOR, agreement);
        // two of three validators saw the epoch breached (98 % against 99.9 %)
        SlaVerdictReached first = ReputationFixtures.verdict(agreement, day, false, 980_000, VALIDATOR_A);
        publish(Topics.SLA, first);
        publish(Topics.SLA, ReputationFixtures.verdict(agreement, day, false, 980_000, VALIDATOR_B));
        publish(Topics.SLA, ReputationFixtures.verdict(agreement, day, true, 999_500, "0xa0ee7a142d267c1f36714e4a8f75612f20a79720"));
        awaitVerdicts(first, 3);

        CLOCK.set("2026-04-02T15:00:00Z");
        SettleReputations.Run running = settle.run();

        assertThat(running.warned()).filteredOn(event -> event.subjectId().equals(dataUnit.toString())).singleElement().satisfies(event -> {
            assertThat(event.day()).isEqualTo("2026-04-02");
            assertThat(event.currentScore()).isEqualByComparingTo("50");
            assertThat(event.projectedScore()).isEqualByComparingTo("45");
            assertThat(event.threshold()).isEqualByComparingTo("48");
            assertThat(event.reasons()).isEqualTo("SLA breached; missed the SLA by more than 20 %");
        });
        assertThat(awaitPublished(Topics.QOS, PenaltyWarningRaised.class, event -> event.subjectId().equals(wallet)).day())
                .isEqualTo("2026-04-02");
        assertThat(settle.run().warned()).as("one warning per subject and day").noneMatch(event -> event.subjectId().equals(dataUnit.toString()));
        mvc.perform(get("/data-units/{id}/reputation", dataUnit))
                .andExpect(jsonPath("$.warnings", hasSize(1)))
                .andExpect(jsonPath("$.warnings[0].projectedScore").value(45.0));

        CLOCK.set("2026-04-03T03:00:00Z");
        settle.run();

        assertThat(awaitPublished(Topics.QOS, ReputationChanged.class,
                event -> event.subjectId().equals(dataUnit.toString()) && event.day().equals("2026-04-02")))
                .satisfies(event -> {
                    assertThat(event.score()).isEqualByComparingTo(new BigDecimal("45"));
                    assertThat(event.reasons()).isEqualTo("2026-04-02 -2 SLA breached; 2026-04-02 -3 missed the SLA by more than 20 %");
                });
    }

    @Test
    void dayWithoutVerdictsIsJudgedByTheProbes() throws Exception {
        CLOCK.set("2026-05-20T09:00:00Z");
        String wallet = newWallet();
        MonitoredNode node = activeNode(UUID.randomUUID(), server.endpoint(), wallet);
        for (String at : List.of("2026-05-20T10:00:00Z", "2026-05-20T14:00:00Z", "2026-05-20T18:00:00Z")) {
            CLOCK.set(at);
            probes.probe(List.of(node));
        }

        CLOCK.set("2026-05-21T02:30:00Z");
        SettleReputations.Run run = settle.run();

        assertThat(run.changed()).filteredOn(event -> event.subjectId().equals(wallet)).singleElement().satisfies(event -> {
            assertThat(event.score()).isEqualByComparingTo("55");
            assertThat(event.reasons()).isEqualTo(
                    "2026-05-20 +2 probes met the availability target; 2026-05-20 +3 beat the availability target (probes) by more than 20 %");
        });
        mvc.perform(get("/providers/{wallet}/reputation", newWallet())).andExpect(status().isNotFound());
        mvc.perform(get("/data-units/{id}/reputation", "nope")).andExpect(status().isBadRequest());
    }

    private void awaitVerdicts(SlaVerdictReached verdict, int validators) {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from sla_verdict where agreement_id = ? and epoch = ?", Long.class, verdict.agreementId(), verdict.epoch())
                == validators);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from monitored_agreement where escrow_agreement_id = ?", Long.class, verdict.agreementId()) == 1);
    }
}
