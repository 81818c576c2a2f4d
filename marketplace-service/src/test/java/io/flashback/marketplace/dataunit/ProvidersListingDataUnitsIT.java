package io.flashback.marketplace.dataunit;

import io.flashback.events.IntegrationEvent;
import io.flashback.events.Topics;
import io.flashback.events.monitor.ReputationChanged;
import io.flashback.events.registry.NodeActivated;
import io.flashback.events.registry.NodeAnnounced;
import io.flashback.events.registry.NodeCertified;
import io.flashback.events.registry.NodeClaimed;
import io.flashback.marketplace.MarketplaceIntegrationTest;
import io.flashback.marketplace.node.ProviderNodes;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
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
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A provider lists capacity on its own ACTIVE node; nobody else can, and search finds it. */
class ProvidersListingDataUnitsIT extends MarketplaceIntegrationTest {

    private static final String PROVIDER_WALLET = "0x15d34aaf54267db7d7c367839aaf71a00a2c6a65";
    private static final UUID PROVIDER_ACCOUNT = UUID.randomUUID();
    private static final String OTHER_WALLET = "0x9965507d1a55bcc2695c58ba16fb37d819b0a4dc";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ProviderNodes nodes;

    @Test
    void providerListsCapacityOnItsActiveNodeAndSearchFindsIt() throws Exception {
        UUID node = activeNode(PROVIDER_WALLET);
        String region = "test-" + UUID.randomUUID().toString().substring(0, 8);

        String created = mvc.perform(post("/data-units").header("Authorization", provider(PROVIDER_WALLET, PROVIDER_ACCOUNT))
                        .contentType(MediaType.APPLICATION_JSON).content(body(node, region)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        UUID unit = UUID.fromString(JsonMapper.builder().build().readTree(created).path("id").asString());

        mvc.perform(get("/data-units").param("region", region).param("country", "jp"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items.length()").value(1))
                .andExpect(jsonPath("$.items[0].id").value(unit.toString()))
                .andExpect(jsonPath("$.items[0].providerId").value(PROVIDER_ACCOUNT.toString()));
        assertThat(jdbc.queryForObject("select reference_price from data_unit where id = ?", BigDecimal.class, unit))
                .as("EUR 0.02 at the configured 1.08").isEqualByComparingTo("0.0216");
    }

    @Test
    void aUnitOnACertifiedNodeCarriesItsTierAndSearchFiltersByTheLowestTierAccepted() throws Exception {
        UUID node = activeNode(PROVIDER_WALLET);
        Instant until = Instant.now().plus(Duration.ofDays(30));
        publishRegistry(new NodeCertified(UUID.randomUUID(), Instant.now(), node, PROVIDER_WALLET, UUID.randomUUID(), "SILVER", until));
        await().atMost(Duration.ofSeconds(30)).until(() -> "SILVER".equals(jdbc.queryForObject(
                "select certification_tier from provider_node where node_id = ?", String.class, node)));
        String region = "test-" + UUID.randomUUID().toString().substring(0, 8);

        String created = mvc.perform(post("/data-units").header("Authorization", provider(PROVIDER_WALLET, PROVIDER_ACCOUNT))
                        .contentType(MediaType.APPLICATION_JSON).content(body(node, region)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        UUID unit = UUID.fromString(JsonMapper.builder().build().readTree(created).path("id").asString());
        listedUnit(jdbc, UUID.randomUUID(), region); // on a node never certified

        mvc.perform(get("/data-units").param("region", region))
                .andExpect(status().isOk()).andExpect(jsonPath("$.items.length()").value(2));
        mvc.perform(get("/data-units").param("region", region).param("certified", "bronze"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.items.length()").value(1))
                .andExpect(jsonPath("$.items[0].id").value(unit.toString()))
                .andExpect(jsonPath("$.items[0].certificationTier").value("SILVER"));
        mvc.perform(get("/data-units").param("region", region).param("certified", "Silver"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.items.length()").value(1));
        mvc.perform(get("/data-units").param("region", region).param("certified", "gold"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.items.length()").value(0));
        mvc.perform(get("/data-units").param("certified", "platinum"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("bronze, silver or gold")));

        // a certification that has ended no longer counts, in filters or in what is shown
        jdbc.update("update data_unit set certified_until = now() - interval '1 second' where id = ?", unit);
        mvc.perform(get("/data-units").param("region", region).param("certified", "bronze"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.items.length()").value(0));
        mvc.perform(get("/data-units").param("region", region).param("sort", "price"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.items[?(@.id == '" + unit + "')].certificationTier").value(org.hamcrest.Matchers.contains((Object) null)));
    }

    @Test
    void anotherProviderCannotListOnThisNodeOrMoveItsUnits() throws Exception {
        UUID node = activeNode(PROVIDER_WALLET);
        String created = mvc.perform(post("/data-units").header("Authorization", provider(PROVIDER_WALLET, PROVIDER_ACCOUNT))
                .contentType(MediaType.APPLICATION_JSON).content(body(node, "eu-west"))).andReturn().getResponse().getContentAsString();
        UUID unit = UUID.fromString(JsonMapper.builder().build().readTree(created).path("id").asString());
        String intruder = provider(OTHER_WALLET, UUID.randomUUID());

        mvc.perform(post("/data-units").header("Authorization", intruder).contentType(MediaType.APPLICATION_JSON).content(body(node, "eu-west")))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.title").value("Listing refused"));
        mvc.perform(post("/data-units/" + unit + "/state").header("Authorization", intruder).contentType(MediaType.APPLICATION_JSON)
                .content("{\"state\":\"MAINTENANCE\"}")).andExpect(status().isNotFound());
    }

    @Test
    void maintenanceTakesAUnitOffTheMarketAndBack() throws Exception {
        UUID node = activeNode(PROVIDER_WALLET);
        String token = provider(PROVIDER_WALLET, PROVIDER_ACCOUNT);
        String created = mvc.perform(post("/data-units").header("Authorization", token).contentType(MediaType.APPLICATION_JSON)
                .content(body(node, "eu-central"))).andReturn().getResponse().getContentAsString();
        UUID unit = UUID.fromString(JsonMapper.builder().build().readTree(created).path("id").asString());

        mvc.perform(post("/data-units/" + unit + "/state").header("Authorization", token).contentType(MediaType.APPLICATION_JSON)
                .content("{\"state\":\"MAINTENANCE\"}")).andExpect(status().isNoContent());
        assertThat(listed(unit)).isFalse();
        mvc.perform(post("/data-units/" + unit + "/state").header("Authorization", token).contentType(MediaType.APPLICATION_JSON)
                .content("{\"state\":\"AVAILABLE\"}")).andExpect(status().isNoContent());
        assertThat(listed(unit)).isTrue();
        mvc.perform(post("/data-units/" + unit + "/state").header("Authorization", token).contentType(MediaType.APPLICATION_JSON)
                .content("{\"state\":\"IN_USE\"}")).andExpect(status().isConflict());
    }

    @Test
    void listingNeedsAnActiveNodeAProviderAccountAndASignIn() throws Exception {
        UUID announcedOnly = UUID.randomUUID();
        publishRegistry(new NodeClaimed(UUID.randomUUID(), Instant.now(), announcedOnly, "0xnode", PROVIDER_WALLET));
        await().atMost(Duration.ofSeconds(30)).until(() -> nodes.find(announcedOnly).isPresent());

        mvc.perform(post("/data-units").header("Authorization", provider(PROVIDER_WALLET, PROVIDER_ACCOUNT))
                        .contentType(MediaType.APPLICATION_JSON).content(body(announcedOnly, "eu-west")))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("not ACTIVE")));
        mvc.perform(post("/data-units").header("Authorization", REGISTRY.bearer(PROVIDER_WALLET, Map.of("CONSUMER", UUID.randomUUID())))
                .contentType(MediaType.APPLICATION_JSON).content(body(announcedOnly, "eu-west"))).andExpect(status().isForbidden());
        mvc.perform(post("/data-units").contentType(MediaType.APPLICATION_JSON).content(body(announcedOnly, "eu-west")))
                .andExpect(status().isUnauthorized());
        mvc.perform(post("/data-units").header("Authorization", provider(PROVIDER_WALLET, PROVIDER_ACCOUNT))
                .contentType(MediaType.APPLICATION_JSON).content("{\"nodeId\":\"" + announcedOnly + "\",\"capacityBytes\":-5}"))
                .andExpect(status().isBadRequest());
    }

    @Test // #6
    void aNewUnitStartsWithItsProvidersReputation() throws Exception {
        String wallet = "0x" + (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "").substring(0, 40);
        UUID node = activeNode(wallet);
        Instant now = Instant.now();
        publish(Topics.QOS, wallet, new ReputationChanged(UUID.randomUUID(), now, "PROVIDER", wallet, now.toString().substring(0, 10),
                new BigDecimal("50"), new BigDecimal("64"), "probe availability"), "/flashback/monitor-service");
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from reputation where subject_kind = 'PROVIDER' and subject_id = ?", Integer.class, wallet) == 1);

        String created = mvc.perform(post("/data-units").header("Authorization", provider(wallet, UUID.randomUUID()))
                        .contentType(MediaType.APPLICATION_JSON).content(body(node, "eu-west")))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        UUID unit = UUID.fromString(JsonMapper.builder().build().readTree(created).path("id").asString());

        assertThat(jdbc.queryForObject("select rating from data_unit where id = ?", BigDecimal.class, unit)).isEqualByComparingTo("64");
    }

    private UUID activeNode(String wallet) throws Exception {
        UUID node = UUID.randomUUID();
        Instant now = Instant.now();
        publishRegistry(new NodeAnnounced(UUID.randomUUID(), now, node, "0xnode", "https://node.example", "S3", "eu-west", 1L << 40, "0.1.0"));
        publishRegistry(new NodeClaimed(UUID.randomUUID(), now, node, "0xnode", wallet));
        publishRegistry(new NodeActivated(UUID.randomUUID(), now, node, wallet, new BigDecimal("1000")));
        await().atMost(Duration.ofSeconds(30)).until(() -> nodes.find(node).map(ProviderNodes.ProviderNode::sells).orElse(false));
        return node;
    }

    private static String provider(String wallet, UUID account) {
        return REGISTRY.bearer(wallet, Map.of("PROVIDER", account));
    }

    private static void publishRegistry(IntegrationEvent event) throws Exception {
        publish(Topics.REGISTRY, event.aggregateId(), event, "/flashback/registry-service");
    }

    private boolean listed(UUID unit) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select listed from data_unit where id = ?", Boolean.class, unit));
    }

    @Test // #13 M4
    void unboundedPricesAreRefusedNamingTheField() throws Exception {
        UUID node = activeNode(PROVIDER_WALLET);
        String token = provider(PROVIDER_WALLET, PROVIDER_ACCOUNT);
        for (String field : List.of("pricePerGbMonth", "egressPricePerGb", "availabilityPct")) {
            String body = body(node, "eu-west").replaceFirst("\"" + field + "\":[0-9.]+", "\"" + field + "\":1e400000");
            mvc.perform(post("/data-units").header("Authorization", token).contentType(MediaType.APPLICATION_JSON).content(body))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.hasItem(field)));
        }
    }

    private static String body(UUID node, String region) {
        return """
                {"nodeId":"%s","capacityBytes":1099511627776,"currency":"EUR","pricePerGbMonth":0.02,"egressPricePerGb":0.01,
                 "region":"%s","country":"JP","s3":true,"gcs":false,"availabilityPct":99.9,"latencyMs":40,"uploadMbps":100,
                 "downloadMbps":200,"errorRatePpm":100,"minTermDays":30,"maxTermDays":365,"paymentMethods":["evm:31337:USDC"],
                 "encryptionAtRest":true,"versioning":false}""".formatted(node, region);
    }
}
