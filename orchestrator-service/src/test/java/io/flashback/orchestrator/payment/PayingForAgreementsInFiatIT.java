package io.flashback.orchestrator.payment;

import org.apache.kafka.clients.producer.ProducerRecord;
import io.flashback.infra.testing.TestInfrastructure;
import io.flashback.events.EventCodec;
import io.flashback.events.Topics;
import io.flashback.events.oracle.SlaVerdictReached;
import io.flashback.orchestrator.OrchestratorFixtures;
import io.flashback.orchestrator.OrchestratorIntegrationTest;
import io.flashback.orchestrator.agreement.AgreementId;
import io.flashback.orchestrator.agreement.AgreementState;
import io.flashback.orchestrator.agreement.Agreements;
import io.flashback.orchestrator.agreement.Transition;
import io.flashback.orchestrator.grant.DataAccessGrants;
import io.flashback.orchestrator.lifecycle.AcceptanceRules;
import io.flashback.orchestrator.lifecycle.ProviderRules;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Issue 6's fiat payments end to end on the real database and Kafka: a fiat order's invoice, the payment provider's
 * signed webhook funding and activating it, the oracle's verdicts settling epochs from the reserve and refunding
 * credits, the low-funds warning — and the ledger adding up to zero after all of it.
 */
class PayingForAgreementsInFiatIT extends OrchestratorIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String WALLET = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";
    /** 24.00 for one replica plus the marketplace's 2 % fee: 24.48, over a 1-day term of 24 hourly epochs — 1.02 an epoch. */
    private static final BigDecimal PRICE = new BigDecimal("24.00");
    private static final BigDecimal FEE = new BigDecimal("0.48");
    private static final String VALIDATOR = "0x976ea74026e726554db657fa54763abd0c3a0aa9";
    private static final String OTHER_VALIDATOR = "0xa0ee7a142d267c1f36714e4a8f75612f20a79720";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ProviderRules rules;
    @Autowired
    Agreements agreements;
    @Autowired
    FiatAgreements fiatAgreements;
    @Autowired
    DataAccessGrants grants;
    @Autowired
    EventCodec codec;
    @Autowired
    PlatformTransactionManager transactionManager;

    private final UUID consumer = UUID.randomUUID();
    private final UUID provider = UUID.randomUUID();
    private final String consumerToken = bearer(WALLET, Map.of("CONSUMER", consumer));
    private final String providerToken = bearer("0x70997970c51812dc3a010c7d01b50e0d17dc79c8", Map.of("PROVIDER", provider));
    private final String strangerToken = bearer("0x90f79bf6eb2c4f870365e785982e1f101e93b906", Map.of("CONSUMER", UUID.randomUUID()));

    @BeforeEach
    void providerAcceptsRequestsInDollarsAutomatically() {
        rules.save(new AcceptanceRules(provider, AcceptanceRules.Mode.AUTOMATIC, "USD", BigDecimal.ZERO, 1L << 40, 1, 365, Instant.now()));
    }

    @Test
    void aFiatOrderGetsAnInvoiceForItsTotalThatOnlyItsConsumerSees() throws Exception {
        Placed order = placeFiatOrder();

        mvc.perform(get("/orders/" + order.id() + "/invoice").header("Authorization", consumerToken)).andExpect(status().isOk())
                .andExpect(jsonPath("$.amount").value(24.48)).andExpect(jsonPath("$.currency").value("USD"))
                .andExpect(jsonPath("$.state").value("OPEN")).andExpect(jsonPath("$.received").value(0))
                .andExpect(jsonPath("$.reference").value(order.invoiceReference()))
                .andExpect(jsonPath("$.howToPay").value(containsString(order.invoiceReference())));
        mvc.perform(get("/payments/invoices").header("Authorization", consumerToken)).andExpect(jsonPath("$[0].orderId").value(order.id().toString()));

        mvc.perform(get("/orders/" + order.id() + "/invoice").header("Authorization", strangerToken)).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("invoice of order " + order.id() + " not found"));
        mvc.perform(get("/orders/" + order.id() + "/invoice").header("Authorization", providerToken)).andExpect(status().isNotFound());
        mvc.perform(get("/orders/" + order.id() + "/invoice")).andExpect(status().isUnauthorized());
        mvc.perform(get("/payments/invoices").header("Authorization", strangerToken)).andExpect(jsonPath("$.length()").value(0));
        mvc.perform(get("/payments/balance").header("Authorization", strangerToken)).andExpect(jsonPath("$.balances.length()").value(0));
        mvc.perform(get("/payments/payable").header("Authorization", consumerToken)).andExpect(status().isForbidden());
        mvc.perform(get("/payments/balance").header("Authorization", providerToken)).andExpect(status().isForbidden());
        mvc.perform(get("/payments/invoices?limit=100000").header("Authorization", consumerToken)).andExpect(status().isBadRequest());
    }

    @Test
    void aQuoteInACurrencyThatIsNoAcceptedFiatCurrencyIsRefused() throws Exception {
        String usdc = OrchestratorFixtures.quote(provider, UUID.randomUUID().toString(), 1L << 30, 1, PRICE);

        mvc.perform(post("/orders").header("Authorization", consumerToken).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"quoteToken\":\"" + usdc + "\",\"paymentMethod\":\"FIAT\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.detail").value(containsString("cannot be paid in fiat")));
    }

    @Test
    void aSignedInvoicePaidWebhookFundsTheOrderAndActivatesItsAgreementWithItsGrant() throws Exception {
        Placed order = placeFiatOrder();

        webhook(PaymentFixtures.invoicePaid(eventId(), order.invoiceReference(), "24.48", "USD")).andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value("APPLIED"))
                .andExpect(jsonPath("$.detail").value(containsString("paid in full")))
                .andExpect(jsonPath("$.detail").value(containsString("1 agreement ACTIVE")));

        AgreementId agreement = new AgreementId(order.agreementId());
        assertThat(agreements.find(agreement).orElseThrow().state()).isEqualTo(AgreementState.ACTIVE);
        List<Transition> history = agreements.history(agreement);
        assertThat(history).extracting(Transition::to).containsExactly(AgreementState.REQUESTED, AgreementState.ACCEPTED, AgreementState.FUNDED,
                AgreementState.ACTIVE);
        assertThat(history.get(2).reason()).startsWith("paid by invoice " + order.invoiceReference());
        assertThat(history.get(3).reason()).contains("no collateral");
        assertThat(grants.ofAgreement(order.agreementId())).hasValueSatisfying(grant -> assertThat(grant.active()).isTrue());
        assertThat(published(order.agreementId())).containsExactly("io.flashback.orchestrator.agreement-requested.v1",
                "io.flashback.orchestrator.agreement-accepted.v1", "io.flashback.orchestrator.agreement-funded.v1",
                "io.flashback.orchestrator.agreement-activated.v1");
        // the oracle judges the fiat agreement under its reference read as a number
        assertThat(payload(order.agreementId(), "io.flashback.orchestrator.agreement-activated.v1").path("data").path("escrowAgreementId").asString())
                .isEqualTo(FiatAgreementNumber.of(order.agreementId()).toString());

        mvc.perform(get("/orders/" + order.id() + "/invoice").header("Authorization", consumerToken))
                .andExpect(jsonPath("$.state").value("PAID")).andExpect(jsonPath("$.payments[0].amount").value(24.48));
        mvc.perform(get("/payments/balance").header("Authorization", consumerToken))
                .andExpect(jsonPath("$.balances[0].currency").value("USD")).andExpect(jsonPath("$.balances[0].available").value(0))
                .andExpect(jsonPath("$.balances[0].reserved").value(24.48));
        mvc.perform(get("/agreements/" + order.agreementId()).header("Authorization", consumerToken))
                .andExpect(jsonPath("$.reserveRemaining").value(24.48)).andExpect(jsonPath("$.fundsLowSince").isEmpty());
        assertLedgerAddsUp();
    }

    @Test
    void anAgreementPaidForBeforeItsProviderDecidedIsFundedAndActivatedWhenAccepted() throws Exception {
        UUID manual = UUID.randomUUID();
        String manualToken = bearer("0x15d34aaf54267db7d7c367839aaf71a00a2c6a65", Map.of("PROVIDER", manual));
        Placed order = placeFiatOrder(manual, "REQUESTED");

        webhook(PaymentFixtures.invoicePaid(eventId(), order.invoiceReference(), "24.48", "USD"))
                .andExpect(jsonPath("$.detail").value(containsString("1 agreement REQUESTED (funded when its provider accepts)")));
        mvc.perform(get("/payments/balance").header("Authorization", consumerToken)).andExpect(jsonPath("$.balances[0].available").value(24.48));

        mvc.perform(post("/agreements/" + order.agreementId() + "/decision").header("Authorization", manualToken)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"decision\":\"ACCEPT\",\"reason\":\"room left\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.state").value("ACTIVE"));
        assertThat(grants.ofAgreement(order.agreementId())).hasValueSatisfying(grant -> assertThat(grant.active()).isTrue());
        mvc.perform(get("/payments/balance").header("Authorization", consumerToken)).andExpect(jsonPath("$.balances[0].available").value(0))
                .andExpect(jsonPath("$.balances[0].reserved").value(24.48));
        assertLedgerAddsUp();
    }

    @Test
    void webhooksWithABadSignatureAStaleTimestampOrAReplayedEventIdChangeNothing() throws Exception {
        Placed order = placeFiatOrder();
        String body = PaymentFixtures.invoicePaid(eventId(), order.invoiceReference(), "24.48", "USD");
        long entries = ledgerEntries();

        webhook(body, PaymentFixtures.signature("someone-elses-secret-0123456789abcdef0123", Instant.now(), body))
                .andExpect(status().isUnauthorized()).andExpect(jsonPath("$.detail").value(containsString("does not verify")));
        webhook(body.replace("24.48", "2448.00"), PaymentFixtures.signature(PAYMENT_WEBHOOK_SECRET, Instant.now(), body))
                .andExpect(status().isUnauthorized());
        webhook(body, PaymentFixtures.signature(PAYMENT_WEBHOOK_SECRET, Instant.now().minus(Duration.ofMinutes(10)), body))
                .andExpect(status().isUnauthorized()).andExpect(jsonPath("$.detail").value(containsString("tolerance")));
        mvc.perform(post("/payments/webhook").contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isUnauthorized());
        assertThat(ledgerEntries()).isEqualTo(entries);
        assertThat(agreements.find(new AgreementId(order.agreementId())).orElseThrow().state()).isEqualTo(AgreementState.ACCEPTED);

        String signature = PaymentFixtures.signature(PAYMENT_WEBHOOK_SECRET, Instant.now(), body);
        webhook(body, signature).andExpect(status().isOk()).andExpect(jsonPath("$.outcome").value("APPLIED"));
        long afterPayment = ledgerEntries();
        List<Transition> history = agreements.history(new AgreementId(order.agreementId()));

        webhook(body, signature).andExpect(status().isOk()).andExpect(jsonPath("$.outcome").value("DUPLICATE"));
        webhook(body).andExpect(status().isOk()).andExpect(jsonPath("$.outcome").value("DUPLICATE"));
        assertThat(ledgerEntries()).isEqualTo(afterPayment);
        assertThat(agreements.history(new AgreementId(order.agreementId()))).isEqualTo(history);
        mvc.perform(get("/payments/balance").header("Authorization", consumerToken)).andExpect(jsonPath("$.balances[0].available").value(0))
                .andExpect(jsonPath("$.balances[0].reserved").value(24.48));
        assertLedgerAddsUp();
    }

    @Test
    void aPartialOrWrongCurrencyPaymentIsKeptInTheConsumersBalanceAndFundsNothing() throws Exception {
        Placed order = placeFiatOrder();

        webhook(PaymentFixtures.invoicePaid(eventId(), order.invoiceReference(), "10.00", "USD")).andExpect(status().isOk())
                .andExpect(jsonPath("$.detail").value(containsString("partial payment")));
        webhook(PaymentFixtures.invoicePaid(eventId(), order.invoiceReference(), "24.48", "EUR")).andExpect(status().isOk())
                .andExpect(jsonPath("$.detail").value(containsString("kept in the consumer's EUR balance, funds nothing")));

        assertThat(agreements.find(new AgreementId(order.agreementId())).orElseThrow().state()).isEqualTo(AgreementState.ACCEPTED);
        mvc.perform(get("/orders/" + order.id() + "/invoice").header("Authorization", consumerToken))
                .andExpect(jsonPath("$.state").value("OPEN")).andExpect(jsonPath("$.received").value(10.0))
                .andExpect(jsonPath("$.payments.length()").value(2))
                .andExpect(jsonPath("$.payments[1].outcome").value(containsString("EUR")));
        mvc.perform(get("/payments/balance").header("Authorization", consumerToken))
                .andExpect(jsonPath("$.balances[0].currency").value("EUR")).andExpect(jsonPath("$.balances[0].available").value(24.48))
                .andExpect(jsonPath("$.balances[1].currency").value("USD")).andExpect(jsonPath("$.balances[1].available").value(10.0));

        // the rest in dollars completes the invoice
        webhook(PaymentFixtures.invoicePaid(eventId(), order.invoiceReference(), "14.48", "USD")).andExpect(jsonPath("$.detail")
                .value(containsString("1 agreement ACTIVE")));
        assertThat(agreements.find(new AgreementId(order.agreementId())).orElseThrow().state()).isEqualTo(AgreementState.ACTIVE);
        mvc.perform(get("/payments/balance").header("Authorization", consumerToken))
                .andExpect(jsonPath("$.balances[1].available").value(0)).andExpect(jsonPath("$.balances[1].reserved").value(24.48))
                .andExpect(jsonPath("$.balances[0].available").value(24.48));
        assertLedgerAddsUp();
    }

    @Test
    void aVerdictWithACreditPaysTheProviderAndRefundsTheConsumerAndCountsOnce() throws Exception {
        Placed order = paidFiatOrder();
        FiatAgreement fiat = fiatAgreements.find(order.agreementId()).orElseThrow();
        long epoch = fiat.schedule().startEpoch();
        SlaVerdictReached breached = QuorumResults.verdict(fiat, QuorumResults.posted(CHAIN, fiat, epoch, 980_000), "25", VALIDATOR);

        publish(breached);
        await().atMost(Duration.ofSeconds(30)).until(() -> fiatAgreements.settledEpochs(order.agreementId()) == 1);

        // 1.02 for the epoch: 25 % (0.255) back to the consumer, of the 0.765 earned 0.48/24.48 (0.015) is the platform's, 0.75 the provider's
        mvc.perform(get("/payments/payable").header("Authorization", providerToken))
                .andExpect(jsonPath("$.balances[0].currency").value("USD")).andExpect(jsonPath("$.balances[0].payable").value(0.75))
                .andExpect(jsonPath("$.settlements[0].epoch").value(epoch)).andExpect(jsonPath("$.settlements[0].credit").value(0.255))
                .andExpect(jsonPath("$.settlements[0].platformFee").value(0.015));
        assertThat(entriesOf("epoch:" + order.agreementId() + ":" + epoch)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "AGREEMENT_RESERVE", new BigDecimal("1.020000"), "PROVIDER_PAYABLE", new BigDecimal("-0.750000"),
                "PLATFORM_FEES", new BigDecimal("-0.015000"), "CONSUMER_BALANCE", new BigDecimal("-0.255000")));

        // the credit goes back through the payment provider, and its webhook closes the refund
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> mvc.perform(get("/payments/balance").header("Authorization", consumerToken))
                .andExpect(jsonPath("$.refunds[0].state").value("SENT")).andExpect(jsonPath("$.balances[0].refunding").value(0.255))
                .andExpect(jsonPath("$.balances[0].available").value(0)));
        String refundReference = jdbc.queryForObject("select provider_reference from refund where agreement_id = ?", String.class, order.agreementId());
        webhook(PaymentFixtures.refundCompleted(eventId(), refundReference)).andExpect(jsonPath("$.outcome").value("APPLIED"));
        mvc.perform(get("/payments/balance").header("Authorization", consumerToken))
                .andExpect(jsonPath("$.refunds[0].state").value("COMPLETED")).andExpect(jsonPath("$.balances[0].refunding").value(0))
                .andExpect(jsonPath("$.balances[0].reserved").value(23.46));

        // the same verdict redelivered, and another validator's verdict on the same epoch, change nothing; the next epoch settles normally
        publish(breached);
        publish(QuorumResults.verdict(fiat, QuorumResults.results(CHAIN, fiat, epoch, 980_000), "100", OTHER_VALIDATOR));
        publish(verdict(fiat, epoch + 1, "0"));
        await().atMost(Duration.ofSeconds(30)).until(() -> fiatAgreements.settledEpochs(order.agreementId()) == 2);
        mvc.perform(get("/payments/payable").header("Authorization", providerToken)).andExpect(jsonPath("$.balances[0].payable").value(1.75));
        assertThat(jdbc.queryForObject("select count(*) from refund where agreement_id = ?", Integer.class, order.agreementId())).isEqualTo(1);
        assertLedgerAddsUp();
    }

    @Test
    void anAgreementRunningLowOnFundsIsAnnouncedOnceAndCompletesWhenEveryEpochIsSettled() throws Exception {
        Placed order = paidFiatOrder();
        FiatAgreement fiat = fiatAgreements.find(order.agreementId()).orElseThrow();
        long start = fiat.schedule().startEpoch();

        for (long epoch = start; epoch < start + 22; epoch++) {
            publish(verdict(fiat, epoch, "0"));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> fiatAgreements.settledEpochs(order.agreementId()) == 22);
        assertThat(published(order.agreementId())).doesNotContain("io.flashback.orchestrator.agreement-funds-low.v1");

        publish(verdict(fiat, start + 22, "0"));
        await().atMost(Duration.ofSeconds(30)).until(() -> fiatAgreements.settledEpochs(order.agreementId()) == 23);
        assertThat(published(order.agreementId())).filteredOn(type -> type.endsWith("funds-low.v1")).hasSize(1);
        JsonNode warning = payload(order.agreementId(), "io.flashback.orchestrator.agreement-funds-low.v1").path("data");
        assertThat(warning.path("epochsCovered").asInt()).isEqualTo(1);
        assertThat(warning.path("remaining").decimalValue()).isEqualByComparingTo("1.02");
        mvc.perform(get("/agreements/" + order.agreementId()).header("Authorization", consumerToken))
                .andExpect(jsonPath("$.fundsLowSince").isNotEmpty()).andExpect(jsonPath("$.reserveRemaining").value(1.02));

        publish(verdict(fiat, start + 23, "0"));
        await().atMost(Duration.ofSeconds(30)).until(() -> agreements.find(new AgreementId(order.agreementId())).orElseThrow().state()
                == AgreementState.COMPLETED);
        assertThat(published(order.agreementId())).filteredOn(type -> type.endsWith("funds-low.v1")).hasSize(1);
        assertThat(published(order.agreementId())).last().isEqualTo("io.flashback.orchestrator.agreement-ended.v1");
        assertThat(grants.ofAgreement(order.agreementId()).orElseThrow().active()).isFalse();
        mvc.perform(get("/agreements/" + order.agreementId()).header("Authorization", consumerToken))
                .andExpect(jsonPath("$.reserveRemaining").value(0));
        assertLedgerAddsUp();
    }

    @Test
    void theDatabaseRefusesLedgerRowsThatAreChangedDeletedOrUnbalanced() throws Exception {
        paidFiatOrder();
        TransactionTemplate transactions = new TransactionTemplate(transactionManager);

        assertThatThrownBy(() -> jdbc.update("update ledger_entry set amount = amount * 2")).isInstanceOf(DataAccessException.class)
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("delete from ledger_transaction")).isInstanceOf(DataAccessException.class);
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            UUID id = UUID.randomUUID();
            Long account = jdbc.queryForObject("select id from ledger_account where kind = 'PROVIDER_CLEARING' and currency = 'USD'", Long.class);
            jdbc.update("insert into ledger_transaction (id, reference, kind, memo, posted_at) values (?, ?, 'EPOCH_SETTLED', 'one-legged', ?)", id,
                    "test:" + id, Timestamp.from(Instant.now()));
            jdbc.update("insert into ledger_entry (transaction_id, line, account_id, currency, amount) values (?, 1, ?, 'USD', 1)", id, account);
        })).hasStackTraceContaining("fewer than two entries");
        assertLedgerAddsUp();
    }

    /** An order's id, its one agreement's id and its invoice's reference. */
    private record Placed(UUID id, UUID agreementId, String invoiceReference) {
    }

    private Placed placeFiatOrder() throws Exception {
        return placeFiatOrder(provider, "ACCEPTED");
    }

    private Placed placeFiatOrder(UUID provider, String expectedState) throws Exception {
        String quote = PaymentFixtures.fiatQuote(provider, UUID.randomUUID().toString(), 1L << 30, 1, PRICE, FEE, "USD", MARKETPLACE_KEY.getPrivate());
        String body = mvc.perform(post("/orders").header("Authorization", consumerToken).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"quoteToken\":\"" + quote + "\",\"paymentMethod\":\"FIAT\"}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.paymentMethod").value("FIAT"))
                .andExpect(jsonPath("$.agreements[0].state").value(expectedState)).andReturn().getResponse().getContentAsString();
        JsonNode order = JSON.readTree(body);
        UUID id = UUID.fromString(order.path("id").asString());
        return new Placed(id, UUID.fromString(order.path("agreements").get(0).path("id").asString()), "inv_" + id);
    }

    private Placed paidFiatOrder() throws Exception {
        Placed order = placeFiatOrder();
        webhook(PaymentFixtures.invoicePaid(eventId(), order.invoiceReference(), "24.48", "USD")).andExpect(jsonPath("$.outcome").value("APPLIED"));
        QuorumResults.onUnreportedEpochs(jdbc, CHAIN, order.agreementId());
        return order;
    }

    private ResultActions webhook(String body) throws Exception {
        return webhook(body, PaymentFixtures.signature(PAYMENT_WEBHOOK_SECRET, Instant.now(), body));
    }

    private ResultActions webhook(String body, String signature) throws Exception {
        return mvc.perform(post("/payments/webhook").header("Flashback-Signature", signature).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private static String eventId() {
        return "evt_" + UUID.randomUUID();
    }

    /**
     * A verdict as a validator of oracle-service publishes it, keyed by the number the agreement is judged under, after
     * the validators' quorum posted the epoch's root (the fiat ledger settles by nothing else).
     */
    private static SlaVerdictReached verdict(FiatAgreement agreement, long epoch, String creditPct) {
        int ppm = new BigDecimal(creditPct).signum() == 0 ? 1_000_000 : 980_000;
        return QuorumResults.verdict(agreement, QuorumResults.posted(CHAIN, agreement, epoch, ppm), creditPct, VALIDATOR);
    }

    private void publish(SlaVerdictReached verdict) throws Exception {
        TestInfrastructure.get().producerFor(Topics.SLA).send(new ProducerRecord<>(Topics.SLA, verdict.aggregateId(), codec.encode(codec.envelope(verdict, "/flashback/oracle-service")))).get();
    }

    private List<String> published(UUID agreementId) {
        return jdbc.queryForList("select event_type from outbox_event where message_key = ? order by sequence", String.class, agreementId.toString());
    }

    private JsonNode payload(UUID agreementId, String type) {
        return JSON.readTree(jdbc.queryForObject("select payload from outbox_event where message_key = ? and event_type = ?", String.class,
                agreementId.toString(), type));
    }

    private long ledgerEntries() {
        return jdbc.queryForObject("select count(*) from ledger_entry", Long.class);
    }

    /** A transaction's entries by account kind (each kind appears once in these). */
    private Map<String, BigDecimal> entriesOf(String reference) {
        Map<String, BigDecimal> entries = new java.util.HashMap<>();
        jdbc.query("select a.kind, e.amount from ledger_entry e join ledger_account a on a.id = e.account_id join ledger_transaction t "
                + "on t.id = e.transaction_id where t.reference = ?", rs -> {
            entries.put(rs.getString(1), rs.getBigDecimal(2));
        }, reference);
        return entries;
    }

    /** Every currency's entries add up to zero, and every stored balance is what its account's entries add up to. */
    private void assertLedgerAddsUp() {
        assertThat(jdbc.queryForList("select currency from ledger_entry group by currency having sum(amount) <> 0", String.class)).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from ledger_account a where a.balance <> (case when a.kind = 'PROVIDER_CLEARING' then 1 "
                + "else -1 end) * coalesce((select sum(e.amount) from ledger_entry e where e.account_id = a.id), 0)", Long.class)).isZero();
    }
}
