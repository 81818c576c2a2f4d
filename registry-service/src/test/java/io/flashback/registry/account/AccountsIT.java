package io.flashback.registry.account;

import org.apache.kafka.clients.producer.ProducerRecord;
import io.flashback.infra.testing.TestInfrastructure;
import io.flashback.events.EventCodec;
import io.flashback.events.Topics;
import io.flashback.events.orchestrator.AgreementFunded;
import org.springframework.beans.factory.annotation.Autowired;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.flashback.registry.RegistryFixtures;
import io.flashback.registry.RegistryFixtures.Session;
import io.flashback.registry.RegistryFixtures.Wallet;
import io.flashback.registry.RegistryIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;

import java.util.UUID;

import static io.flashback.registry.RegistryFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Accounts: registered by their own wallet (or an operator), profiles, ownership, the AccountRegistered event. */
class AccountsIT extends RegistryIntegrationTest {

    @Test
    void aWalletRegistersAProviderProfileAndTheEventIsInTheOutbox() throws Exception {
        Wallet wallet = Wallet.generate();
        Session session = fixtures().signIn(wallet, clock.instant());

        JsonNode account = json(register(session, wallet.address(), "PROVIDER",
                ",\"organisation\":\"Acme Storage Ltd\",\"contact\":\"ops@acme.example\"").andExpect(status().isCreated()));

        assertThat(account.path("organisation").asString()).isEqualTo("Acme Storage Ltd");
        assertThat(account.path("certificationStatus").isNull()).isTrue();
        assertThat(account.path("reputation").isNull()).isTrue();
        assertThat(published("io.flashback.registry.account-registered.v1", account.path("id").asString())).isEqualTo(1);
        Session refreshed = fixtures().refresh(session.refreshToken());
        assertThat(refreshed.body().path("roles").toString()).contains("PROVIDER");
    }
    @Autowired
    Accounts accounts;

    @Test
    void aConsumerIsWalletVerifiedAtRegistrationAndPaymentVerifiedOnceAnAgreementOfItsIsFunded() throws Exception {
        Wallet wallet = Wallet.generate();
        Session session = fixtures().signIn(wallet, clock.instant());
        JsonNode account = json(register(session, wallet.address(), "CONSUMER", "").andExpect(status().isCreated()));
        assertThat(account.path("certificationStatus").asString()).isEqualTo("WALLET_VERIFIED");
        UUID consumerId = UUID.fromString(account.path("id").asString());
        Instant fundedAt = clock.instant();
        AgreementFunded funded = new AgreementFunded(UUID.randomUUID(), fundedAt, UUID.randomUUID(), "0x5fbdb2315678afecb367f032d93f642f64180aa3", "0x01",
                consumerId, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID().toString(), wallet.address(), "0xusdc", new BigDecimal("1000000"), 1, 3,
                "escrow funded");
        String message = new EventCodec().encode(new EventCodec().envelope(funded, "/flashback/orchestrator-service"));

        TestInfrastructure.get().producerFor(Topics.ORCHESTRATOR).send(new ProducerRecord<>(Topics.ORCHESTRATOR, funded.aggregateId(), message)).get(10, TimeUnit.SECONDS);
        TestInfrastructure.get().producerFor(Topics.ORCHESTRATOR).send(new ProducerRecord<>(Topics.ORCHESTRATOR, funded.aggregateId(), message)).get(10, TimeUnit.SECONDS); // redelivered: applies once

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(json(mvc.perform(get("/accounts/" + consumerId)
                .header("Authorization", session.bearer()))).path("certificationStatus").asString()).isEqualTo("PAYMENT_VERIFIED"));
        JsonNode certified = json(mvc.perform(get("/accounts/" + consumerId).header("Authorization", session.bearer())));
        assertThat(Instant.parse(certified.path("certifiedUntil").asString())).isCloseTo(fundedAt.plus(Duration.ofDays(365)), within(1, ChronoUnit.MILLIS));

        Account stored = accounts.findById(consumerId).orElseThrow();
        assertThat(stored.certificationStatus(fundedAt.plus(Duration.ofDays(366)))).as("a lapsed payment verification falls back to the wallet's")
                .isEqualTo("WALLET_VERIFIED");
    }

    @Test
    void aWalletCannotRegisterAnAccountForAnotherWallet() throws Exception {
        Session session = fixtures().signIn(Wallet.generate(), clock.instant());

        register(session, Wallet.generate().address(), "CONSUMER", "").andExpect(status().isForbidden())
                .andExpect(jsonPath("$.title").value("Not your wallet"));
    }

    @Test
    void validatorsAreRegisteredByAnOperatorOnly() throws Exception {
        Wallet validator = Wallet.generate();
        Session self = fixtures().signIn(validator, clock.instant());
        register(self, validator.address(), "VALIDATOR", "").andExpect(status().isForbidden());

        Session operator = fixtures().signIn(RegistryFixtures.OPERATOR, clock.instant());
        register(operator, validator.address(), "VALIDATOR", "").andExpect(status().isCreated());
    }

    @Test
    void aSecondAccountOfTheSameRoleIsAConflict() throws Exception {
        Wallet wallet = Wallet.generate();
        Session session = fixtures().signIn(wallet, clock.instant());
        register(session, wallet.address(), "CONSUMER", "").andExpect(status().isCreated());

        register(session, wallet.address(), "CONSUMER", "").andExpect(status().isConflict());
    }

    @Test
    void onlyItsOwnerSeesAndChangesAnAccount() throws Exception {
        Wallet wallet = Wallet.generate();
        Session owner = fixtures().signIn(wallet, clock.instant());
        String id = json(register(owner, wallet.address(), "CONSUMER", "")).path("id").asString();
        Session stranger = fixtures().signIn(Wallet.generate(), clock.instant());

        mvc.perform(get("/accounts/" + id).header("Authorization", stranger.bearer())).andExpect(status().isNotFound());
        mvc.perform(put("/accounts/" + id + "/profile").header("Authorization", stranger.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"displayName\":\"Mallory\"}")).andExpect(status().isNotFound());

        mvc.perform(put("/accounts/" + id + "/profile").header("Authorization", owner.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"displayName\":\"Bob\",\"organisation\":\"Bob & Co\"}")).andExpect(status().isOk());
        mvc.perform(get("/accounts/" + id).header("Authorization", owner.bearer())).andExpect(status().isOk())
                .andExpect(jsonPath("$.displayName").value("Bob")).andExpect(jsonPath("$.organisation").value("Bob & Co"));
        mvc.perform(get("/accounts/" + UUID.randomUUID()).header("Authorization", owner.bearer())).andExpect(status().isNotFound());
    }

    @Test
    void invalidFieldsAreNamed() throws Exception {
        Session session = fixtures().signIn(Wallet.generate(), clock.instant());

        mvc.perform(post("/accounts").header("Authorization", session.bearer()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"wallet\":\"nope\",\"role\":\"CONSUMER\",\"displayName\":\"\",\"contact\":\"not-an-email\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.allOf(org.hamcrest.Matchers.containsString("wallet"),
                        org.hamcrest.Matchers.containsString("displayName"), org.hamcrest.Matchers.containsString("contact"))));
    }

    private ResultActions register(Session session, String wallet, String role, String extra) throws Exception {
        return mvc.perform(post("/accounts").header("Authorization", session.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"wallet\":\"" + wallet + "\",\"role\":\"" + role + "\",\"displayName\":\"Someone\"" + extra + "}"));
    }
}
