package io.flashback.registry.node;

import io.flashback.registry.RegistryFixtures.Session;
import io.flashback.registry.RegistryFixtures.Wallet;
import io.flashback.registry.RegistryIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import org.web3j.utils.Numeric;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.UUID;

import static io.flashback.registry.RegistryFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Bridge-node onboarding through the registry's API (issue #5 steps 1, 2, 3 off chain, and 5): announce, claim code,
 * node-signed EIP-712 claim, heartbeats and OFFLINE; every rejection the issue lists changes nothing.
 */
class BridgeNodeOnboardingIT extends RegistryIntegrationTest {

    @Autowired
    MarkSilentNodesOffline markSilentNodesOffline;

    @Test
    void aNodeIsAnnouncedClaimedAndListedWithItsStateAndHeartbeat() throws Exception {
        TestNode node = new TestNode(mvc);
        JsonNode announced = json(node.announce(clock.instant()).andExpect(status().isCreated()));
        UUID nodeId = UUID.fromString(announced.path("nodeId").asString());
        String secret = announced.path("secret").asString();
        assertThat(secret).hasSize(43);
        assertThat(published("io.flashback.registry.node-announced.v1", nodeId)).isEqualTo(1);

        Wallet providerWallet = Wallet.generate();
        Session provider = fixtures().registered(providerWallet, "PROVIDER", clock.instant());
        mvc.perform(get("/nodes/" + nodeId).header("Authorization", provider.bearer())).andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("ANNOUNCED"));
        String claimCode = json(claimCode(provider, nodeId, secret).andExpect(status().isCreated())).path("code").asString();
        assertThat(claimCode).matches("[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}");

        JsonNode terms = json(node.terms(nodeId, claimCode).andExpect(status().isOk()));
        assertThat(terms.path("provider").asString()).isEqualTo(providerWallet.address());
        assertThat(terms.path("typedData").path("domain").path("name").asString()).isEqualTo("Flashback BridgeNodeRegistry");
        long deadline = terms.path("deadline").asLong();

        node.claim(nodeId, claimCode, providerWallet.address(), deadline, node.key).andExpect(status().isOk())
                .andExpect(jsonPath("$.providerWallet").value(providerWallet.address()));
        assertThat(published("io.flashback.registry.node-claimed.v1", nodeId)).isEqualTo(1);

        node.heartbeat(nodeId, clock.instant().getEpochSecond(), node.key).andExpect(status().isOk()).andExpect(jsonPath("$.online").value(true));
        mvc.perform(get("/nodes").header("Authorization", provider.bearer())).andExpect(status().isOk())
                .andExpect(jsonPath("$[0].id").value(nodeId.toString()))
                .andExpect(jsonPath("$[0].state").value("CLAIMED"))
                .andExpect(jsonPath("$[0].lastHeartbeatAt").isNotEmpty())
                .andExpect(jsonPath("$[0].collateral").isEmpty())
                .andExpect(jsonPath("$[0].boundOnChainAt").isEmpty());
        mvc.perform(get("/nodes/" + nodeId + "/claim").header("Authorization", provider.bearer())).andExpect(status().isOk())
                .andExpect(jsonPath("$.nonce").value("0"))
                .andExpect(jsonPath("$.deadline").value(deadline))
                .andExpect(jsonPath("$.nodeIdBytes32").value(NodeClaimTypedData.nodeIdBytes32(nodeId)));
    }

    @Test
    void aWrongSecretGetsNoCode() throws Exception {
        TestNode node = new TestNode(mvc);
        UUID nodeId = nodeId(node.announce(clock.instant()));
        Session provider = fixtures().registered(Wallet.generate(), "PROVIDER", clock.instant());

        claimCode(provider, nodeId, "not-the-secret").andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Wrong node secret"));
        assertThat(jdbc.sql("select count(*) from node_claim_code where node_id = ?").param(nodeId).query(Long.class).single()).isZero();
    }

    @Test
    void anExpiredCodeIsRefused() throws Exception {
        Onboarding onboarding = announcedWithCode();
        clock.advance(Duration.ofMinutes(11));

        onboarding.node.claim(onboarding.nodeId, onboarding.code, onboarding.provider.address(), clock.instant().getEpochSecond() + 3600, onboarding.node.key)
                .andExpect(status().isGone()).andExpect(jsonPath("$.title").value("Claim code expired"));
        assertUnclaimed(onboarding.nodeId);
    }

    @Test
    void aCodeWorksOnce() throws Exception {
        Onboarding onboarding = announcedWithCode();
        long deadline = clock.instant().getEpochSecond() + 3600;
        onboarding.node.claim(onboarding.nodeId, onboarding.code, onboarding.provider.address(), deadline, onboarding.node.key).andExpect(status().isOk());

        onboarding.node.claim(onboarding.nodeId, onboarding.code, onboarding.provider.address(), deadline, onboarding.node.key)
                .andExpect(status().isGone()).andExpect(jsonPath("$.title").value("Claim code already used"));
        assertThat(published("io.flashback.registry.node-claimed.v1", onboarding.nodeId)).isEqualTo(1);
    }

    @Test
    void aClaimSignedByAnotherKeyIsRefusedAndTheCodeStaysUsable() throws Exception {
        Onboarding onboarding = announcedWithCode();
        long deadline = clock.instant().getEpochSecond() + 3600;

        onboarding.node.claim(onboarding.nodeId, onboarding.code, onboarding.provider.address(), deadline, Wallet.generate())
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.title").value("Claim not signed by the node"));
        assertUnclaimed(onboarding.nodeId);

        onboarding.node.claim(onboarding.nodeId, onboarding.code, onboarding.provider.address(), deadline, onboarding.node.key).andExpect(status().isOk());
    }

    @Test
    void aClaimSignedForAnotherProviderIsRefused() throws Exception {
        Onboarding onboarding = announcedWithCode();

        onboarding.node.claim(onboarding.nodeId, onboarding.code, Wallet.generate().address(), clock.instant().getEpochSecond() + 3600, onboarding.node.key)
                .andExpect(status().isForbidden());
        assertUnclaimed(onboarding.nodeId);
    }

    @Test
    void aNodeClaimedByAnotherWalletCannotBeClaimedAgain() throws Exception {
        Onboarding onboarding = announcedWithCode();
        onboarding.node.claim(onboarding.nodeId, onboarding.code, onboarding.provider.address(), clock.instant().getEpochSecond() + 3600,
                onboarding.node.key).andExpect(status().isOk());
        Session other = fixtures().registered(Wallet.generate(), "PROVIDER", clock.instant());

        claimCode(other, onboarding.nodeId, onboarding.secret).andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("another wallet")));
        assertThat(jdbc.sql("select provider_wallet from bridge_node where id = ?").param(onboarding.nodeId).query(String.class).single())
                .isEqualTo(onboarding.provider.address());
    }

    @Test
    void aHeartbeatWithABadSignatureChangesNothing() throws Exception {
        TestNode node = new TestNode(mvc);
        UUID nodeId = nodeId(node.announce(clock.instant()));

        node.heartbeat(nodeId, clock.instant().getEpochSecond(), Wallet.generate()).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.title").value("Invalid signature"));
        assertThat(jdbc.sql("select last_heartbeat_at from bridge_node where id = ?").param(nodeId).query(java.sql.Timestamp.class).optional()).isEmpty();
    }

    @Test
    void aReplayedOrStaleHeartbeatIsRefused() throws Exception {
        TestNode node = new TestNode(mvc);
        UUID nodeId = nodeId(node.announce(clock.instant()));
        long now = clock.instant().getEpochSecond();
        node.heartbeat(nodeId, now, node.key).andExpect(status().isOk());

        node.heartbeat(nodeId, now, node.key).andExpect(status().isConflict()).andExpect(jsonPath("$.title").value("Replayed heartbeat"));
        node.heartbeat(nodeId, now - 3600, node.key).andExpect(status().isUnauthorized()).andExpect(jsonPath("$.title").value("Stale heartbeat"));
    }

    @Test
    void aSilentNodeIsMarkedOfflineOnceAndComesBackWithAHeartbeat() throws Exception {
        TestNode node = new TestNode(mvc);
        UUID nodeId = nodeId(node.announce(clock.instant()));
        node.heartbeat(nodeId, clock.instant().getEpochSecond(), node.key).andExpect(status().isOk());

        clock.advance(Duration.ofMinutes(6));
        assertThat(markSilentNodesOffline.run()).contains(nodeId);
        assertThat(markSilentNodesOffline.run()).doesNotContain(nodeId);
        assertThat(published("io.flashback.registry.node-went-offline.v1", nodeId)).isEqualTo(1);

        node.heartbeat(nodeId, clock.instant().getEpochSecond(), node.key).andExpect(status().isOk()).andExpect(jsonPath("$.online").value(true));
        assertThat(published("io.flashback.registry.node-came-online.v1", nodeId)).isEqualTo(1);
    }

    @Test
    void aReplayedOrForgedAnnouncementIsRefused() throws Exception {
        TestNode node = new TestNode(mvc);
        node.announce(clock.instant(), "sameNonce1234567890", node.key).andExpect(status().isCreated());

        node.announce(clock.instant(), "sameNonce1234567890", node.key).andExpect(status().isConflict())
                .andExpect(jsonPath("$.title").value("Replayed announcement"));
        node.announce(clock.instant(), "otherNonce123456789", Wallet.generate()).andExpect(status().isUnauthorized());
        node.announce(clock.instant().minus(Duration.ofMinutes(10)), "oldNonce12345678901", node.key).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.title").value("Stale announcement"));
    }

    @Test
    void aProviderNeitherSeesNorUsesAnotherProvidersNode() throws Exception {
        Onboarding onboarding = announcedWithCode();
        onboarding.node.claim(onboarding.nodeId, onboarding.code, onboarding.provider.address(), clock.instant().getEpochSecond() + 3600,
                onboarding.node.key).andExpect(status().isOk());
        Session other = fixtures().registered(Wallet.generate(), "PROVIDER", clock.instant());

        mvc.perform(get("/nodes/" + onboarding.nodeId).header("Authorization", other.bearer())).andExpect(status().isNotFound());
        mvc.perform(get("/nodes/" + onboarding.nodeId + "/claim").header("Authorization", other.bearer())).andExpect(status().isNotFound());
        mvc.perform(get("/nodes").header("Authorization", other.bearer())).andExpect(status().isOk()).andExpect(jsonPath("$").isEmpty());
    }

    @Test
    void onlyProvidersAskForClaimCodes() throws Exception {
        TestNode node = new TestNode(mvc);
        JsonNode announced = json(node.announce(clock.instant()));
        Session consumer = fixtures().registered(Wallet.generate(), "CONSUMER", clock.instant());

        claimCode(consumer, UUID.fromString(announced.path("nodeId").asString()), announced.path("secret").asString())
                .andExpect(status().isForbidden());
        mvc.perform(post("/nodes/" + announced.path("nodeId").asString() + "/claim-codes").contentType(MediaType.APPLICATION_JSON)
                .content("{\"secret\":\"x\"}")).andExpect(status().isUnauthorized());
    }

    @Test
    void aClaimedNodeGetsANodeTokenForASignedRequestOnce() throws Exception {
        Onboarding onboarding = announcedWithCode();
        long now = clock.instant().getEpochSecond();
        onboarding.node.token(onboarding.nodeId, "tokenNonce000000001", now, onboarding.node.key).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.title").value("Node not claimed"));
        onboarding.node.claim(onboarding.nodeId, onboarding.code, onboarding.provider.address(), now + 3600, onboarding.node.key)
                .andExpect(status().isOk());

        String token = json(onboarding.node.token(onboarding.nodeId, "tokenNonce000000002", now, onboarding.node.key)
                .andExpect(status().isOk())).path("accessToken").asString();
        JsonNode claims = io.flashback.registry.RegistryFixtures.JSON.readTree(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertThat(claims.path("sub").asString()).isEqualTo("node:" + onboarding.nodeId);
        assertThat(claims.path("roles").toString()).isEqualTo("[\"NODE\"]");
        assertThat(claims.path("node_key").asString()).as("the node key recovered from the request's signature")
                .isEqualTo("0x04" + Numeric.toHexStringNoPrefixZeroPadded(onboarding.node.key.key().getPublicKey(), 128));
        mvc.perform(get("/nodes").header("Authorization", "Bearer " + token)).andExpect(status().isOk()).andExpect(jsonPath("$").isEmpty());

        onboarding.node.token(onboarding.nodeId, "tokenNonce000000002", now, onboarding.node.key).andExpect(status().isConflict());
        onboarding.node.token(onboarding.nodeId, "tokenNonce000000003", now, Wallet.generate()).andExpect(status().isUnauthorized());
    }

    private record Onboarding(TestNode node, UUID nodeId, String secret, Wallet provider, Session session, String code) {
    }

    private Onboarding announcedWithCode() throws Exception {
        TestNode node = new TestNode(mvc);
        JsonNode announced = json(node.announce(clock.instant()).andExpect(status().isCreated()));
        UUID nodeId = UUID.fromString(announced.path("nodeId").asString());
        Wallet provider = Wallet.generate();
        Session session = fixtures().registered(provider, "PROVIDER", clock.instant());
        String code = json(claimCode(session, nodeId, announced.path("secret").asString()).andExpect(status().isCreated())).path("code").asString();
        return new Onboarding(node, nodeId, announced.path("secret").asString(), provider, session, code);
    }

    private ResultActions claimCode(Session provider, UUID nodeId, String secret) throws Exception {
        return mvc.perform(post("/nodes/" + nodeId + "/claim-codes").header("Authorization", provider.bearer())
                .contentType(MediaType.APPLICATION_JSON).content("{\"secret\":\"" + secret + "\"}"));
    }

    private static UUID nodeId(ResultActions announced) throws Exception {
        return UUID.fromString(json(announced.andExpect(status().isCreated())).path("nodeId").asString());
    }

    private void assertUnclaimed(UUID nodeId) {
        assertThat(jdbc.sql("select state from bridge_node where id = ?").param(nodeId).query(String.class).single()).isEqualTo("ANNOUNCED");
        assertThat(published("io.flashback.registry.node-claimed.v1", nodeId)).isZero();
    }
}
