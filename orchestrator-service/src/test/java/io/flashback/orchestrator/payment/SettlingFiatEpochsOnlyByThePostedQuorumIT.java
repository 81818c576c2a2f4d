package io.flashback.orchestrator.payment;

import io.flashback.chain.AgreementId;
import io.flashback.chain.Bytes32;
import io.flashback.chain.merkle.EpochResultTree;
import io.flashback.events.EventCodec;
import io.flashback.events.Topics;
import io.flashback.events.oracle.SlaVerdictReached;
import io.flashback.orchestrator.OrchestratorIntegrationTest;
import io.flashback.orchestrator.lifecycle.AcceptanceRules;
import io.flashback.orchestrator.lifecycle.ProviderRules;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Issue #13 H3 (issue #12 item 10): the fiat ledger settles an epoch only by the k-of-n result posted on the real
 * OracleHub (anvil), proven leaf by leaf against the posted root — never by one validator's verdict, however early or
 * whatever credit it claims — and each agreement's epoch once.
 */
class SettlingFiatEpochsOnlyByThePostedQuorumIT extends OrchestratorIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String WALLET = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";
    private static final String VALIDATOR = "0x976ea74026e726554db657fa54763abd0c3a0aa9";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ProviderRules rules;
    @Autowired
    FiatAgreements fiatAgreements;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    EventCodec codec;

    private final UUID consumer = UUID.randomUUID();
    private final UUID provider = UUID.randomUUID();
    private final String consumerToken = bearer(WALLET, Map.of("CONSUMER", consumer));

    @BeforeEach
    void providerAcceptsRequestsInDollarsAutomatically() {
        rules.save(new AcceptanceRules(provider, AcceptanceRules.Mode.AUTOMATIC, "USD", BigDecimal.ZERO, 1L << 40, 1, 365, Instant.now()));
    }

    @Test // #13 H3
    void aForgedEarlyVerdictFromOneValidatorSettlesNothingAndThePostedResultSettlesOnce() throws Exception {
        FiatAgreement fiat = paidFiatAgreement();
        long epoch = fiat.schedule().startEpoch();
        // one validator (or anyone writing to the topic) claims a total outage and a full credit before any quorum
        EpochResultTree forged = QuorumResults.results(CHAIN, fiat, epoch, 0);
        SlaVerdictReached early = QuorumResults.verdict(fiat, forged, "100", QuorumResults.STRANGER);

        publish(early);
        await().atMost(Duration.ofSeconds(30)).until(() -> stateOf(early).equals("PROVISIONAL"));
        assertThat(fiatAgreements.settledEpochs(fiat.agreementId())).isZero();
        assertThat(epochTransactions(fiat)).isZero();

        // the quorum posts the honest root: the early verdict's leaf is not in it, and the quorum's verdict settles the epoch
        EpochResultTree honest = QuorumResults.posted(CHAIN, fiat, epoch, 1_000_000);
        await().atMost(Duration.ofSeconds(30)).until(() -> stateOf(early).equals("REFUSED"));
        assertThat(noteOf(early)).contains("is not a leaf of the root " + honest.root().value()).contains("posted on OracleHub");
        assertThat(fiatAgreements.settledEpochs(fiat.agreementId())).isZero();

        SlaVerdictReached proven = QuorumResults.verdict(fiat, honest, "0", VALIDATOR);
        publish(proven);
        await().atMost(Duration.ofSeconds(30)).until(() -> fiatAgreements.settledEpochs(fiat.agreementId()) == 1);
        assertThat(stateOf(proven)).isEqualTo("SETTLED");
        assertThat(settlement(fiat, epoch)).containsEntry("credit", new BigDecimal("0.000000"))
                .containsEntry("verdict_event_id", proven.eventId());

        // the same result again, from another validator and redelivered: confirmed, never settled twice
        SlaVerdictReached again = QuorumResults.verdict(fiat, honest, "0", "0xa0ee7a142d267c1f36714e4a8f75612f20a79720");
        publish(again);
        publish(proven);
        await().atMost(Duration.ofSeconds(30)).until(() -> stateOf(again).equals("CONFIRMED"));
        assertThat(fiatAgreements.settledEpochs(fiat.agreementId())).isEqualTo(1);
        assertThat(epochTransactions(fiat)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from refund where agreement_id = ?", Integer.class, fiat.agreementId())).isZero();
    }

    @Test // #13 H3
    void aVerdictWhoseLeafIsNotInThePostedRootIsRefused() throws Exception {
        FiatAgreement fiat = paidFiatAgreement();
        long epoch = fiat.schedule().startEpoch();
        EpochResultTree honest = QuorumResults.posted(CHAIN, fiat, epoch, 1_000_000);
        var proof = honest.proven(new AgreementId(fiat.number())).orElseThrow().proof().stream().map(Bytes32::value).toList();

        // the posted root and the honest proof, but a worse availability than the quorum signed
        SlaVerdictReached altered = QuorumResults.verdict(fiat, epoch, 900_000, "100", honest.root(), proof, VALIDATOR);
        // no proof at all
        SlaVerdictReached unproven = QuorumResults.verdict(fiat, epoch, 900_000, "100", honest.root(), List.of(), VALIDATOR);
        publish(altered);
        publish(unproven);

        await().atMost(Duration.ofSeconds(30)).until(() -> stateOf(altered).equals("REFUSED") && stateOf(unproven).equals("REFUSED"));
        assertThat(noteOf(altered)).contains("900000 ppm) is not a leaf of the root " + honest.root().value());
        assertThat(fiatAgreements.settledEpochs(fiat.agreementId())).isZero();
        assertThat(epochTransactions(fiat)).isZero();
    }

    @Test // #13 H3
    void theCreditPaidIsTheTermsCreditForTheProvenAvailabilityNotTheOneAVerdictClaims() throws Exception {
        FiatAgreement fiat = paidFiatAgreement();
        long epoch = fiat.schedule().startEpoch();
        // 98 % posted: the standard terms give 25 %; the verdict claims 100 %
        EpochResultTree posted = QuorumResults.posted(CHAIN, fiat, epoch, 980_000);

        publish(QuorumResults.verdict(fiat, posted, "100", VALIDATOR));

        await().atMost(Duration.ofSeconds(30)).until(() -> fiatAgreements.settledEpochs(fiat.agreementId()) == 1);
        assertThat(settlement(fiat, epoch)).containsEntry("credit_pct", new BigDecimal("25.000000")).containsEntry("credit",
                new BigDecimal("0.255000"));
    }

    private FiatAgreement paidFiatAgreement() throws Exception {
        String quote = PaymentFixtures.fiatQuote(provider, UUID.randomUUID().toString(), 1L << 30, 1, new BigDecimal("24.00"), new BigDecimal("0.48"),
                "USD", MARKETPLACE_KEY.getPrivate());
        String body = mvc.perform(post("/orders").header("Authorization", consumerToken).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"quoteToken\":\"" + quote + "\",\"paymentMethod\":\"FIAT\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        var order = JSON.readTree(body);
        UUID orderId = UUID.fromString(order.path("id").asString());
        UUID agreementId = UUID.fromString(order.path("agreements").get(0).path("id").asString());
        String paid = PaymentFixtures.invoicePaid("evt_" + UUID.randomUUID(), "inv_" + orderId, "24.48", "USD");
        mvc.perform(post("/payments/webhook").header("Flashback-Signature", PaymentFixtures.signature(PAYMENT_WEBHOOK_SECRET, Instant.now(), paid))
                .contentType(MediaType.APPLICATION_JSON).content(paid)).andExpect(jsonPath("$.outcome").value("APPLIED"));
        QuorumResults.onUnreportedEpochs(jdbc, CHAIN, agreementId);
        return fiatAgreements.find(agreementId).orElseThrow();
    }

    private void publish(SlaVerdictReached verdict) throws Exception {
        kafka.send(Topics.SLA, verdict.aggregateId(), codec.encode(codec.envelope(verdict, "/flashback/oracle-service"))).get();
    }

    private String stateOf(SlaVerdictReached verdict) {
        return jdbc.query("select state from fiat_verdict where event_id = ?", rs -> rs.next() ? rs.getString(1) : "", verdict.eventId());
    }

    private String noteOf(SlaVerdictReached verdict) {
        return jdbc.queryForObject("select note from fiat_verdict where event_id = ?", String.class, verdict.eventId());
    }

    private Map<String, Object> settlement(FiatAgreement fiat, long epoch) {
        return jdbc.queryForMap("select credit_pct, credit, verdict_event_id from fiat_epoch_settlement where agreement_id = ? and epoch = ?",
                fiat.agreementId(), epoch);
    }

    private long epochTransactions(FiatAgreement fiat) {
        return jdbc.queryForObject("select count(*) from ledger_transaction where reference like ?", Long.class, "epoch:" + fiat.agreementId() + ":%");
    }
}
