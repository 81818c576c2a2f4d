package io.flashback.orchestrator.grant;

import org.apache.kafka.clients.producer.ProducerRecord;
import io.flashback.infra.testing.TestInfrastructure;
import io.flashback.events.EventCodec;
import io.flashback.events.Topics;
import io.flashback.events.registry.NodeAnnounced;
import io.flashback.chain.Address;
import io.flashback.chain.AgreementId;
import io.flashback.orchestrator.OrchestratorFixtures;
import io.flashback.orchestrator.OrchestratorIntegrationTest;
import io.flashback.orchestrator.OrchestratorTestChain;
import io.flashback.orchestrator.agreement.Agreement;
import io.flashback.orchestrator.agreement.AgreementState;
import io.flashback.orchestrator.agreement.Agreements;
import io.flashback.orchestrator.escrow.EscrowPlan;
import io.flashback.orchestrator.lifecycle.DecideAgreement;
import io.flashback.orchestrator.order.PlaceOrder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.web3j.crypto.ECKeyPair;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Grants issued and revoked by the escrow on anvil, synced by their bridge node with a NODE token that carries the
 * node key (decrypted here with the node's private key, as the node does), and the consumer's S3 credentials (issue 6).
 */
class BridgeNodeGrantSyncIT extends OrchestratorIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final BigDecimal PRICE = new BigDecimal("3.50");

    @Autowired
    MockMvc mvc;
    @Autowired
    PlaceOrder placeOrder;
    @Autowired
    DecideAgreement decide;
    @Autowired
    Agreements agreements;
    @Autowired
    EscrowPlan plan;
    @Autowired
    JdbcTemplate jdbc;

    private final ECKeyPair nodeKey = GrantFixtures.newNodeKey();

    @Test
    void anIssuedGrantReachesItsNodeWhoseKeyDecryptsTheSecretTheConsumerIsShownOnce() throws Exception {
        String node = CHAIN.providerNode().toString();
        Active active = activeAgreement(node);

        JsonNode sync = sync(node, 0).andExpect(status().isOk()).andExpect(header().string("Cache-Control", "no-store")).andReturn()
                .getResponse().getContentAsString().transform(JSON::readTree);
        JsonNode grant = only(sync.path("grants"));
        String accessKey = grant.path("accessKeyId").asString();
        assertThat(accessKey).matches("FB[A-Z2-7]{18}");
        assertThat(grant.path("revoked").asBoolean()).isFalse();
        assertThat(grant.path("agreementId").asString()).isEqualTo(active.id().toString());
        assertThat(grant.path("owner").asString()).isEqualTo(active.consumer().toString());
        assertThat(grant.path("bucket").asString()).isEqualTo("fb-" + active.id());
        assertThat(grant.path("quotaBytes").asLong()).isEqualTo(1L << 30);
        assertThat(grant.path("access").asString()).isEqualTo("READ_WRITE");
        assertThat(Instant.parse(grant.path("validUntil").asString())).as("ISO-8601, the term (1 day) from the issue")
                .isBetween(Instant.now().plus(Duration.ofHours(23)), Instant.now().plus(Duration.ofHours(25)));
        assertThat(sync.path("version").asLong()).isEqualTo(grant.path("version").asLong()).isPositive();
        assertThat(sync.path("more").asBoolean()).isFalse();
        String nodesSecret = GrantFixtures.decrypt(nodeKey, accessKey, grant.path("encryptedSecret").asString());

        // the registry's announcements tell where the node serves; an older one does not undo a newer one
        announce(node, "https://s3.acme-storage.example", Instant.now());
        announce(node, "http://old.acme-storage.example:9000", Instant.now().minus(Duration.ofDays(1)));
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForList("select endpoint from node_endpoint where node_id = ?::uuid",
                String.class, node).contains("https://s3.acme-storage.example"));

        JsonNode shown = credentials(active).andExpect(status().isOk()).andExpect(header().string("Cache-Control", "no-store")).andReturn()
                .getResponse().getContentAsString().transform(JSON::readTree);
        assertThat(shown.path("secret").asString()).isEqualTo(nodesSecret).matches("[A-Za-z0-9]{40}");
        assertThat(shown.path("secretAlreadyShown").asBoolean()).isFalse();
        assertThat(shown.path("accessKeyId").asString()).isEqualTo(accessKey);
        assertThat(shown.path("bucket").asString()).isEqualTo("fb-" + active.id());
        assertThat(shown.path("nodeId").asString()).isEqualTo(node);
        assertThat(shown.path("endpoint").asString()).isEqualTo("https://s3.acme-storage.example");

        credentials(active).andExpect(status().isOk()).andExpect(jsonPath("$.secret").doesNotExist())
                .andExpect(jsonPath("$.secretAlreadyShown").value(true)).andExpect(jsonPath("$.accessKeyId").value(accessKey));
        byte[] atRest = jdbc.queryForObject("select secret_sealed from grant_credential where access_key_id = ?", byte[].class, accessKey);
        assertThat(new String(atRest, StandardCharsets.ISO_8859_1)).doesNotContain(nodesSecret);

        String stranger = bearer("0x90f79bf6eb2c4f870365e785982e1f101e93b906", Map.of("CONSUMER", UUID.randomUUID()));
        String provider = bearer("0x70997970c51812dc3a010c7d01b50e0d17dc79c8", Map.of("PROVIDER", active.agreement().providerId()));
        for (String other : List.of(stranger, provider, nodeBearer(node, GrantFixtures.publicKey(nodeKey)))) {
            mvc.perform(get("/agreements/" + active.id() + "/credentials").header("Authorization", other)).andExpect(status().isNotFound());
            mvc.perform(post("/agreements/" + active.id() + "/credentials/rotate").header("Authorization", other)).andExpect(status().isNotFound());
        }
    }

    @Test
    void anEndedAgreementsKeyIsATombstoneAfterTheVersionTheNodeHad() throws Exception {
        String node = CHAIN.providerNode().toString();
        Active active = activeAgreement(node);
        JsonNode before = json(sync(node, 0));
        String accessKey = only(before.path("grants")).path("accessKeyId").asString();
        long version = before.path("version").asLong();

        CHAIN.escrow(OrchestratorTestChain.CONSUMER).cancel(active.onChain());
        awaitState(active.agreement(), AgreementState.TERMINATED_BY_CONSUMER);

        JsonNode after = json(sync(node, version));
        JsonNode tombstone = only(after.path("grants"));
        assertThat(tombstone.path("accessKeyId").asString()).isEqualTo(accessKey);
        assertThat(tombstone.path("revoked").asBoolean()).isTrue();
        assertThat(tombstone.path("version").asLong()).isGreaterThan(version).isEqualTo(after.path("version").asLong());
        assertThat(tombstone.has("encryptedSecret") || tombstone.has("bucket")).isFalse();
        assertThat(json(sync(node, after.path("version").asLong())).path("grants").size()).isZero();
        assertThat(json(sync(node, after.path("version").asLong())).path("version").asLong()).isEqualTo(after.path("version").asLong());
        assertThat(jdbc.queryForObject("select secret_sealed is null from grant_credential where access_key_id = ?", Boolean.class, accessKey))
                .as("the revoked key's secret is erased").isTrue();

        credentials(active).andExpect(status().isConflict()).andExpect(jsonPath("$.title").value("No active grant"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("TERMINATED_BY_CONSUMER")));
        mvc.perform(post("/agreements/" + active.id() + "/credentials/rotate").header("Authorization", active.token()))
                .andExpect(status().isConflict());
    }

    @Test
    void aNodeSyncsIncrementallyFromTheVersionItHasInPages() throws Exception {
        String node = CHAIN.providerNode().toString();
        Active first = activeAgreement(node);
        long afterFirst = json(sync(node, 0)).path("version").asLong();
        Active second = activeAgreement(node);

        JsonNode later = json(sync(node, afterFirst));
        assertThat(only(later.path("grants")).path("agreementId").asString()).isEqualTo(second.id().toString());

        JsonNode page = json(mvc.perform(get("/nodes/" + node + "/grants?since=0&limit=1").header("Authorization", nodeToken(node))));
        assertThat(only(page.path("grants")).path("agreementId").asString()).isEqualTo(first.id().toString());
        assertThat(page.path("more").asBoolean()).isTrue();
        assertThat(page.path("version").asLong()).isEqualTo(afterFirst);
        JsonNode rest = json(mvc.perform(get("/nodes/" + node + "/grants?since=" + afterFirst + "&limit=1").header("Authorization", nodeToken(node))));
        assertThat(rest.path("more").asBoolean()).isFalse();

        JsonNode everything = json(sync(node, 0));
        assertThat(everything.path("grants").size()).isEqualTo(2);
        assertThat(json(sync(node, everything.path("version").asLong() + 1000)).path("version").asLong())
                .as("asked from a version this node never had: the answer steps back to its latest").isEqualTo(everything.path("version").asLong());
    }

    @Test
    void onlyTheNodeItselfReadsItsGrants() throws Exception {
        String node = UUID.randomUUID().toString();
        String otherNode = UUID.randomUUID().toString();

        mvc.perform(get("/nodes/" + node + "/grants").header("Authorization", nodeToken(otherNode))).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value("only node " + node + " reads its grants, with its own NODE token"));
        mvc.perform(get("/nodes/" + node + "/grants").header("Authorization", bearer("0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc",
                Map.of("CONSUMER", UUID.randomUUID())))).andExpect(status().isForbidden());
        mvc.perform(get("/nodes/" + node + "/grants").header("Authorization", nodeBearer(node, "0x04" + "00".repeat(64))))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("node_key")));
        mvc.perform(get("/nodes/" + node + "/grants")).andExpect(status().isUnauthorized());
        mvc.perform(get("/nodes/" + node + "/grants?since=-1").header("Authorization", nodeToken(node))).andExpect(status().isBadRequest());
        mvc.perform(get("/nodes/" + node + "/grants").header("Authorization", nodeToken(node))).andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(0)).andExpect(jsonPath("$.grants").isEmpty());
    }

    @Test
    void rotatingIssuesANewKeyShownOnceAndRevokesTheOldAtTheNextSync() throws Exception {
        String node = CHAIN.providerNode().toString();
        Active active = activeAgreement(node);
        JsonNode original = json(credentials(active));
        long version = json(sync(node, 0)).path("version").asLong();

        JsonNode rotated = json(mvc.perform(post("/agreements/" + active.id() + "/credentials/rotate").header("Authorization", active.token()))
                .andExpect(status().isOk()));

        assertThat(rotated.path("accessKeyId").asString()).isNotEqualTo(original.path("accessKeyId").asString()).matches("FB[A-Z2-7]{18}");
        assertThat(rotated.path("secret").asString()).isNotEqualTo(original.path("secret").asString()).hasSize(40);
        assertThat(rotated.path("bucket").asString()).isEqualTo(original.path("bucket").asString());
        credentials(active).andExpect(jsonPath("$.accessKeyId").value(rotated.path("accessKeyId").asString()))
                .andExpect(jsonPath("$.secret").doesNotExist()).andExpect(jsonPath("$.secretAlreadyShown").value(true));

        List<JsonNode> changes = new ArrayList<>();
        json(sync(node, version)).path("grants").forEach(changes::add);
        assertThat(changes).hasSize(2);
        assertThat(changes.get(0).path("accessKeyId").asString()).isEqualTo(original.path("accessKeyId").asString());
        assertThat(changes.get(0).path("revoked").asBoolean()).isTrue();
        assertThat(changes.get(1).path("accessKeyId").asString()).isEqualTo(rotated.path("accessKeyId").asString());
        assertThat(GrantFixtures.decrypt(nodeKey, rotated.path("accessKeyId").asString(), changes.get(1).path("encryptedSecret").asString()))
                .isEqualTo(rotated.path("secret").asString());
    }

    @Test
    void anAgreementWithoutAnActiveGrantHasNoCredentials() throws Exception {
        UUID consumer = UUID.randomUUID();
        String token = bearer("0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc", Map.of("CONSUMER", consumer));
        Agreement requested = placeOrder.place(consumer, CHAIN.address(OrchestratorTestChain.CONSUMER).value(),
                OrchestratorFixtures.quote(UUID.randomUUID(), UUID.randomUUID().toString(), 1L << 30, 1, PRICE), "CRYPTO").agreements().getFirst();

        mvc.perform(get("/agreements/" + requested.id().value() + "/credentials").header("Authorization", token))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("is REQUESTED")));
        mvc.perform(post("/agreements/" + requested.id().value() + "/credentials/rotate").header("Authorization", token))
                .andExpect(status().isConflict());
        mvc.perform(get("/agreements/" + UUID.randomUUID() + "/credentials").header("Authorization", token)).andExpect(status().isNotFound());
    }

    private record Active(Agreement agreement, AgreementId onChain, UUID consumer, String token) {

        UUID id() {
            return agreement.id().value();
        }
    }

    /** An agreement on {@code node} funded by the consumer and accepted by the provider on chain: ACTIVE, grant issued. */
    private Active activeAgreement(String node) {
        UUID provider = UUID.randomUUID();
        UUID consumer = UUID.randomUUID();
        Agreement requested = placeOrder.place(consumer, CHAIN.address(OrchestratorTestChain.CONSUMER).value(),
                OrchestratorFixtures.quote(provider, node, 1L << 30, 1, PRICE), "CRYPTO").agreements().getFirst();
        Agreement accepted = decide.decide(provider, requested.id(), true, "room left");
        AgreementId onChain = CHAIN.escrow(OrchestratorTestChain.CONSUMER).createAgreement(plan.expected(accepted,
                new Address(CHAIN.address(OrchestratorTestChain.CONSUMER).value()), CHAIN.currentEpoch() + 1));
        awaitState(accepted, AgreementState.FUNDED);
        CHAIN.escrow(OrchestratorTestChain.PROVIDER).accept(onChain);
        awaitState(accepted, AgreementState.ACTIVE);
        return new Active(accepted, onChain, consumer, bearer("0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc", Map.of("CONSUMER", consumer)));
    }

    private void announce(String node, String endpoint, Instant at) throws Exception {
        EventCodec codec = new EventCodec();
        NodeAnnounced announced = new NodeAnnounced(UUID.randomUUID(), at, UUID.fromString(node), "0x" + "ab".repeat(20), endpoint, "s3",
                "eu-west", 1L << 40, "test");
        TestInfrastructure.get().producerFor(Topics.REGISTRY).send(new ProducerRecord<>(Topics.REGISTRY, announced.aggregateId(), codec.encode(codec.envelope(announced, "/flashback/test")))).get();
    }

    private void awaitState(Agreement agreement, AgreementState state) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(agreements.find(agreement.id()).orElseThrow().state()).isEqualTo(state));
    }

    private String nodeToken(String node) {
        return nodeBearer(node, GrantFixtures.publicKey(nodeKey));
    }

    private ResultActions sync(String node, long since) throws Exception {
        return mvc.perform(get("/nodes/" + node + "/grants?since=" + since).header("Authorization", nodeToken(node)));
    }

    private ResultActions credentials(Active active) throws Exception {
        return mvc.perform(get("/agreements/" + active.id() + "/credentials").header("Authorization", active.token()));
    }

    private static JsonNode json(ResultActions result) throws Exception {
        return JSON.readTree(result.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    private static JsonNode only(JsonNode array) {
        assertThat(array.size()).as(array.toString()).isEqualTo(1);
        return array.get(0);
    }
}
