package io.flashback.registry.node;

import io.flashback.chain.Address;
import io.flashback.chain.NodeClaim;
import io.flashback.chain.NodeId;
import io.flashback.chain.Signature;
import io.flashback.chain.SignedNodeClaim;
import io.flashback.chain.TxOutcome;
import io.flashback.chain.eip712.NodeClaims;
import io.flashback.chain.web3j.ChainKeys;
import io.flashback.chain.web3j.Web3jNodeRegistry;
import io.flashback.registry.LocalChain;
import io.flashback.registry.RegistryFixtures.Session;
import io.flashback.registry.RegistryFixtures.Wallet;
import io.flashback.registry.RegistryIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import java.math.BigInteger;
import java.time.Instant;
import java.util.UUID;

import static io.flashback.registry.RegistryFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Issue #5 steps 3 and 4 on a real chain (anvil with the contracts deployed): the claim the node signed
 * through the platform is accepted by BridgeNodeRegistry when the provider sends it, and the registry,
 * following the contract's events, makes the node ACTIVE with enough collateral and INACTIVE below.
 */
class CollateralFollowingIT extends RegistryIntegrationTest {

    private static final BigInteger FLASH = BigInteger.TEN.pow(18);
    private static final int PROVIDER_ACCOUNT = 1;

    @Autowired
    FollowNodeRegistry follow;

    @Test
    void theSignedClaimBindsTheNodeOnChainAndCollateralMovesItsState() throws Exception {
        TestNode node = new TestNode(mvc);
        JsonNode announced = json(node.announce(clock.instant()).andExpect(status().isCreated()));
        UUID nodeId = UUID.fromString(announced.path("nodeId").asString());
        Wallet providerWallet = new Wallet(ChainKeys.anvil(PROVIDER_ACCOUNT).getEcKeyPair());
        Session provider = fixtures().registered(providerWallet, "PROVIDER", clock.instant());
        String code = json(mvc.perform(post("/nodes/" + nodeId + "/claim-codes").header("Authorization", provider.bearer())
                .contentType(MediaType.APPLICATION_JSON).content("{\"secret\":\"" + announced.path("secret").asString() + "\"}"))
                .andExpect(status().isCreated())).path("code").asString();
        long deadline = json(node.terms(nodeId, code)).path("deadline").asLong();
        node.claim(nodeId, code, providerWallet.address(), deadline, node.key).andExpect(status().isOk());

        JsonNode claim = json(mvc.perform(get("/nodes/" + nodeId + "/claim").header("Authorization", provider.bearer())).andExpect(status().isOk()));
        Web3jNodeRegistry registry = new Web3jNodeRegistry(LocalChain.get().account(PROVIDER_ACCOUNT), LocalChain.get().addressBook().registry());
        TxOutcome claimed = registry.claimNode(new SignedNodeClaim(new NodeClaim(NodeId.of(nodeId), Address.of(claim.path("nodeAddress").asString()),
                Address.of(claim.path("provider").asString()), new BigInteger(claim.path("nonce").asString()),
                Instant.ofEpochSecond(claim.path("deadline").asLong())), new Signature(claim.path("signature").asString())));
        assertThat(claimed).isInstanceOf(TxOutcome.Mined.class);
        // the platform id is the one the contract derives from the node key (#13 M5: nobody else's key can claim it)
        assertThat(nodeId).isEqualTo(NodeClaims.nodeUuidOf(Address.of(claim.path("nodeAddress").asString())));

        follow.run();
        assertThat(state(nodeId)).as("bound on chain, no collateral yet").isEqualTo("CLAIMED");
        assertThat(jdbc.sql("select bound_on_chain_at is not null from bridge_node where id = ?").param(nodeId).query(Boolean.class).single()).isTrue();

        registry.depositCollateral(NodeId.of(nodeId), FLASH.multiply(BigInteger.valueOf(1000)), "deposit-" + nodeId);
        follow.run();
        assertThat(state(nodeId)).isEqualTo("ACTIVE");
        assertThat(published("io.flashback.registry.node-activated.v1", nodeId)).isEqualTo(1);
        mvc.perform(get("/nodes").header("Authorization", provider.bearer())).andExpect(status().isOk())
                .andExpect(jsonPath("$[0].state").value("ACTIVE"))
                .andExpect(jsonPath("$[0].boundOnChainAt").isNotEmpty())
                .andExpect(jsonPath("$[0].collateral").value(new BigInteger("1000000000000000000000")));

        registry.requestWithdrawal(NodeId.of(nodeId), FLASH.multiply(BigInteger.valueOf(600)), "withdraw-" + nodeId);
        follow.run();
        assertThat(state(nodeId)).isEqualTo("INACTIVE");
        assertThat(published("io.flashback.registry.node-deactivated.v1", nodeId)).isEqualTo(1);
        assertThat(jdbc.sql("select collateral from bridge_node where id = ?").param(nodeId).query(java.math.BigDecimal.class).single())
                .isEqualByComparingTo("400000000000000000000");

        // read everything again from the deployment block: nothing is applied twice
        jdbc.sql("update chain_cursor set next_block = ?, previous_hash = null").param(LocalChain.get().addressBook().deploymentBlock()).update();
        assertThat(follow.run()).isZero();
        assertThat(state(nodeId)).isEqualTo("INACTIVE");
        assertThat(published("io.flashback.registry.node-activated.v1", nodeId)).isEqualTo(1);
    }

    private String state(UUID nodeId) {
        return jdbc.sql("select state from bridge_node where id = ?").param(nodeId).query(String.class).single();
    }
}
