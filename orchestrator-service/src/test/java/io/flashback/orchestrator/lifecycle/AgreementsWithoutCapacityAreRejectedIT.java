package io.flashback.orchestrator.lifecycle;

import org.apache.kafka.clients.producer.ProducerRecord;
import io.flashback.infra.testing.TestInfrastructure;
import io.flashback.events.EventCodec;
import io.flashback.events.Topics;
import io.flashback.events.marketplace.CapacityReservationRefused;
import io.flashback.events.marketplace.CapacityReserved;
import io.flashback.events.marketplace.MarketplaceEvent;
import io.flashback.orchestrator.OrchestratorFixtures;
import io.flashback.orchestrator.OrchestratorIntegrationTest;
import io.flashback.orchestrator.OrchestratorTestChain;
import io.flashback.orchestrator.agreement.Agreement;
import io.flashback.orchestrator.agreement.AgreementState;
import io.flashback.orchestrator.agreement.Agreements;
import io.flashback.orchestrator.agreement.IllegalTransition;
import io.flashback.orchestrator.agreement.Transition;
import io.flashback.orchestrator.order.PlaceOrder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The marketplace's CapacityReservationRefused on flashback.marketplace.v1 ends an accepted agreement (issue 6). */
class AgreementsWithoutCapacityAreRejectedIT extends OrchestratorIntegrationTest {

    private static final BigDecimal PRICE = new BigDecimal("12.345678");

    @Autowired
    PlaceOrder placeOrder;
    @Autowired
    DecideAgreement decide;
    @Autowired
    Agreements agreements;
    @Autowired
    EventCodec codec;
    @Autowired
    JdbcTemplate jdbc;

    private final UUID provider = UUID.randomUUID();

    @Test // #6
    void acceptedAgreementWhoseCapacityIsRefusedIsRejectedWithTheMarketplacesReason() throws Exception {
        Agreement accepted = acceptedAgreement();

        publish(refusal(accepted));

        await().atMost(Duration.ofSeconds(20)).until(() -> agreements.find(accepted.id()).orElseThrow().state() == AgreementState.REJECTED);
        List<Transition> history = agreements.history(accepted.id());
        assertThat(history).extracting(Transition::to).containsExactly(AgreementState.REQUESTED, AgreementState.ACCEPTED, AgreementState.REJECTED);
        assertThat(history.getLast().reason()).contains("could not reserve " + accepted.capacityBytes() + " bytes on data unit "
                + accepted.dataUnitId(), "only 1024 bytes free, " + accepted.capacityBytes() + " asked");
        assertThat(published(accepted.id().value())).containsExactly("io.flashback.orchestrator.agreement-requested.v1",
                "io.flashback.orchestrator.agreement-accepted.v1", "io.flashback.orchestrator.agreement-rejected.v1");
    }

    @Test // #6
    void redeliveredRefusalChangesNothing() throws Exception {
        Agreement accepted = acceptedAgreement();
        CapacityReservationRefused refusal = refusal(accepted);
        publish(refusal);
        await().atMost(Duration.ofSeconds(20)).until(() -> agreements.find(accepted.id()).orElseThrow().state() == AgreementState.REJECTED);
        List<Transition> history = agreements.history(accepted.id());
        List<String> events = published(accepted.id().value());

        publish(refusal);
        // same key, same partition: once the marker behind it is seen, the redelivery has been read
        awaitSeen(publish(new CapacityReserved(UUID.randomUUID(), Instant.now(), accepted.id().value(), accepted.dataUnitId(), 1, 0)));

        assertThat(agreements.history(accepted.id())).isEqualTo(history);
        assertThat(published(accepted.id().value())).isEqualTo(events);
    }

    @Test // #6
    void refusalForAnUnknownAgreementIsIgnored() throws Exception {
        UUID unknown = UUID.randomUUID();

        awaitSeen(publish(new CapacityReservationRefused(UUID.randomUUID(), Instant.now(), unknown, UUID.randomUUID(), 1L << 30, 0,
                "the data unit is not selling capacity")));

        assertThat(published(unknown)).isEmpty();
    }

    @Test // #6
    void providerCannotRejectAnAgreementItAccepted() {
        Agreement accepted = acceptedAgreement();

        assertThatThrownBy(() -> decide.decide(provider, accepted.id(), false, "changed my mind"))
                .isInstanceOf(IllegalTransition.class).hasMessageContaining("decides only on a requested agreement");
        assertThat(agreements.find(accepted.id()).orElseThrow().state()).isEqualTo(AgreementState.ACCEPTED);
    }

    private Agreement acceptedAgreement() {
        // no escrow is involved, so the node need not exist on chain (and drains no provider collateral)
        String token = OrchestratorFixtures.quote(provider, UUID.randomUUID().toString(), 1L << 30, 1, PRICE);
        Agreement requested = placeOrder.place(UUID.randomUUID(), CHAIN.address(OrchestratorTestChain.CONSUMER).value(), token, "CRYPTO")
                .agreements().getFirst();
        return decide.decide(provider, requested.id(), true, "room left");
    }

    /** The refusal marketplace-service's CapacityReservations publishes when the unit has too little left. */
    private static CapacityReservationRefused refusal(Agreement agreement) {
        return new CapacityReservationRefused(UUID.randomUUID(), Instant.now(), agreement.id().value(), agreement.dataUnitId(),
                agreement.capacityBytes(), 1024, "only 1024 bytes free, " + agreement.capacityBytes() + " asked");
    }

    private UUID publish(MarketplaceEvent event) throws Exception {
        TestInfrastructure.get().producerFor(Topics.MARKETPLACE).send(new ProducerRecord<>(Topics.MARKETPLACE, event.aggregateId(), codec.encode(codec.envelope(event, "/flashback/marketplace-service")))).get();
        return event.eventId();
    }

    private void awaitSeen(UUID eventId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "select count(*) from processed_event where event_id = ? and consumer = 'orchestrator.capacity-refusals'", Integer.class, eventId) == 1);
    }

    private List<String> published(UUID agreementId) {
        return jdbc.queryForList("select event_type from outbox_event where message_key = ? order by sequence", String.class, agreementId.toString());
    }
}
