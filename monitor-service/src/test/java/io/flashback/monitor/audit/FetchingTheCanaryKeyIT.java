package io.flashback.monitor.audit;

import io.flashback.chain.nodekey.NodeKeyEncryption;
import io.flashback.monitor.MonitorIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The platform's canary key reaches a node through its grant sync: only the node itself (its NODE token) gets it, the
 * secret encrypted to its node key; from its first fetch on, audits use it.
 */
class FetchingTheCanaryKeyIT extends MonitorIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    CanaryCredentials credentials;

    @Test
    void anActiveNodeFetchesItsCanaryKeyEncryptedToItsNodeKeyAndIsAuditedWithItFromThen() throws Exception {
        UUID nodeId = UUID.randomUUID();
        activeNode(nodeId, "http://127.0.0.1:9", newWallet());
        ECKeyPair nodeKey = Keys.createEcKeyPair();
        assertThat(credentials.forNode(nodeId)).as("not audited before it took its key").isEmpty();

        String body = mvc.perform(get("/nodes/" + nodeId + "/canary-grants").header("Authorization", REGISTRY.nodeBearer(nodeId.toString(), publicKey(nodeKey))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        JsonNode grant = JSON.readTree(body).path("grants").get(0);
        String accessKey = grant.path("accessKeyId").asString();
        String secret = NodeKeyEncryption.decrypt(nodeKey.getPrivateKey(), accessKey, grant.path("encryptedSecret").asString());
        assertThat(accessKey).startsWith("FBM").hasSize(20);
        assertThat(secret).hasSize(40).isNotEqualTo(CANARY_KEY_SECRET);
        assertThat(body).doesNotContain(secret);
        assertThat(grant.path("bucket").asString()).isEqualTo("flashback-canary");
        assertThat(grant.path("owner").asString()).isEqualTo("flashback-monitor");
        assertThat(grant.path("access").asString()).isEqualTo("READ_WRITE");
        assertThat(credentials.forNode(nodeId)).hasValueSatisfying(access -> {
            assertThat(access.credentials().accessKeyId()).isEqualTo(accessKey);
            assertThat(access.credentials().secretAccessKey()).isEqualTo(secret);
            assertThat(access.bucket()).isEqualTo("flashback-canary");
        });

        // the key is derived, not drawn: the next fetch (and another monitor instance) gives the same key
        String again = mvc.perform(get("/nodes/" + nodeId + "/canary-grants").header("Authorization", REGISTRY.nodeBearer(nodeId.toString(), publicKey(nodeKey))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        JsonNode second = JSON.readTree(again).path("grants").get(0);
        assertThat(NodeKeyEncryption.decrypt(nodeKey.getPrivateKey(), accessKey, second.path("encryptedSecret").asString())).isEqualTo(secret);
    }

    @Test
    void onlyTheNodeItselfGetsItsKeyAndOnlyWhileItIsAudited() throws Exception {
        UUID nodeId = UUID.randomUUID();
        activeNode(nodeId, "http://127.0.0.1:9", newWallet());
        String nodeKey = publicKey(Keys.createEcKeyPair());

        mvc.perform(get("/nodes/" + nodeId + "/canary-grants").header("Authorization", REGISTRY.nodeBearer(UUID.randomUUID().toString(), nodeKey)))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.title").value("Not this node"));
        mvc.perform(get("/nodes/" + nodeId + "/canary-grants").header("Authorization", REGISTRY.bearer(newWallet(), java.util.Map.of("PROVIDER", UUID.randomUUID()))))
                .andExpect(status().isForbidden());
        mvc.perform(get("/nodes/" + nodeId + "/canary-grants")).andExpect(status().isUnauthorized());
        UUID unknown = UUID.randomUUID();
        mvc.perform(get("/nodes/" + unknown + "/canary-grants").header("Authorization", REGISTRY.nodeBearer(unknown.toString(), nodeKey)))
                .andExpect(status().isNotFound());
        assertThat(credentials.forNode(nodeId)).isEmpty();
    }

    private static String publicKey(ECKeyPair key) {
        return "0x04" + Numeric.toHexStringNoPrefixZeroPadded(key.getPublicKey(), 128);
    }
}
