package io.flashback.marketplace.account;

import io.flashback.events.IntegrationEvent;
import io.flashback.events.Topics;
import io.flashback.events.orchestrator.AgreementRequested;
import io.flashback.events.registry.AccountRegistered;
import io.flashback.marketplace.MarketplaceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code GET /known-accounts/{id}} maps an account id to a wallet and a name, so it answers only a
 * signed-in caller that may see the account, and 404 (as for an unknown id) to anyone else.
 */
class KnownAccountsShownOnlyToWhoMaySeeThemIT extends MarketplaceIntegrationTest {

    private static final String CONSUMER_WALLET = "0x00000000000000000000000000000000000c0401";
    private static final String OTHER_WALLET = "0x00000000000000000000000000000000000c0402";
    private static final String PROVIDER_WALLET = "0x00000000000000000000000000000000000b0401";
    private static final String OPERATOR_WALLET = "0x00000000000000000000000000000000000a0401";

    @Autowired
    MockMvc mvc;
    @Autowired
    KnownAccounts accounts;

    @Test // #13 L4
    void anAnonymousCallerIsRefusedWith401() throws Exception {
        UUID consumer = registeredConsumer();

        mvc.perform(get("/known-accounts/" + consumer)).andExpect(status().isUnauthorized());
        mvc.perform(get("/known-accounts/tally")).andExpect(status().isUnauthorized());
    }

    @Test // #13 L4
    void anotherConsumerGets404AsForAnUnknownAccount() throws Exception {
        UUID consumer = registeredConsumer();

        mvc.perform(get("/known-accounts/" + consumer).header("Authorization", REGISTRY.bearer(OTHER_WALLET, Map.of("CONSUMER", UUID.randomUUID()))))
                .andExpect(status().isNotFound());
        mvc.perform(get("/known-accounts/tally").header("Authorization", REGISTRY.bearer(OTHER_WALLET, Map.of("CONSUMER", UUID.randomUUID()))))
                .andExpect(status().isForbidden());
    }

    @Test // #13 L4
    void theAccountItselfSeesItsWallet() throws Exception {
        UUID consumer = registeredConsumer();

        mvc.perform(get("/known-accounts/" + consumer).header("Authorization", REGISTRY.bearer(CONSUMER_WALLET, Map.of("CONSUMER", consumer))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.wallet").value(CONSUMER_WALLET))
                .andExpect(jsonPath("$.displayName").value("Consumer " + consumer));
    }

    @Test // #13 L4
    void anOperatorSeesEveryAccountAndTheTally() throws Exception {
        UUID consumer = registeredConsumer();
        String operator = REGISTRY.bearer(OPERATOR_WALLET, Map.of("OPERATOR", UUID.randomUUID()));

        mvc.perform(get("/known-accounts/" + consumer).header("Authorization", operator))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.wallet").value(CONSUMER_WALLET));
        mvc.perform(get("/known-accounts/tally").header("Authorization", operator))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.CONSUMER").isNumber());
    }

    @Test // #13 L4
    void aProviderSeesTheNameButNotTheWalletOfAConsumerThatAskedItForAnAgreement() throws Exception {
        UUID consumer = registeredConsumer();
        UUID provider = UUID.randomUUID();
        String providerToken = REGISTRY.bearer(PROVIDER_WALLET, Map.of("PROVIDER", provider));

        mvc.perform(get("/known-accounts/" + consumer).header("Authorization", providerToken)).andExpect(status().isNotFound());

        send(new AgreementRequested(UUID.randomUUID(), Instant.now(), UUID.randomUUID(), UUID.randomUUID(), consumer, provider,
                UUID.randomUUID(), "node-1", 1L << 30, 30, "USDC", new BigDecimal("1.00"), "requested"));
        await().atMost(Duration.ofSeconds(30)).until(() -> accounts.dealtWith(provider, consumer));

        mvc.perform(get("/known-accounts/" + consumer).header("Authorization", providerToken))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.displayName").value("Consumer " + consumer))
                .andExpect(jsonPath("$.wallet").doesNotExist());
        mvc.perform(get("/known-accounts/" + consumer)
                        .header("Authorization", REGISTRY.bearer(PROVIDER_WALLET, Map.of("PROVIDER", UUID.randomUUID()))))
                .andExpect(status().isNotFound());
    }

    private UUID registeredConsumer() throws Exception {
        UUID consumer = UUID.randomUUID();
        AccountRegistered registered = new AccountRegistered(UUID.randomUUID(), Instant.now(), consumer, CONSUMER_WALLET, "CONSUMER",
                "Consumer " + consumer);
        publish(Topics.REGISTRY, registered.aggregateId(), registered, "/flashback/registry-service");
        await().atMost(Duration.ofSeconds(30)).until(() -> accounts.find(consumer).isPresent());
        return consumer;
    }

    private static void send(IntegrationEvent event) throws Exception {
        publish(Topics.ORCHESTRATOR, event.aggregateId(), event, "/flashback/orchestrator-service");
    }
}
