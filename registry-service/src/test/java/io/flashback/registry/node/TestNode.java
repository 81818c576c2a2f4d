package io.flashback.registry.node;

import io.flashback.registry.LocalChain;
import io.flashback.registry.RegistryFixtures;
import io.flashback.registry.RegistryFixtures.Wallet;
import io.flashback.registry.identity.Eip191;
import io.flashback.registry.identity.Secrets;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** A bridge node as the registry sees it over HTTP: a node key made in the test, signing what a real node signs. */
public final class TestNode {

    public final Wallet key = Wallet.generate();
    private final MockMvc mvc;

    public TestNode(MockMvc mvc) {
        this.mvc = mvc;
    }

    public String address() {
        return key.address();
    }

    public ResultActions announce(Instant now) throws Exception {
        return announce(now, Secrets.alphanumeric(24), key);
    }

    ResultActions announce(Instant now, String nonce, Wallet signer) throws Exception {
        return announce(now, nonce, signer, "https://node-" + address().substring(2, 8) + ".example:9000");
    }

    /** Announces the node at {@code endpoint} (a real bridge node's, for tests that reach it). */
    public ResultActions announceAt(Instant now, String endpoint) throws Exception {
        return announce(now, Secrets.alphanumeric(24), key, endpoint);
    }

    private ResultActions announce(Instant now, String nonce, Wallet signer, String endpoint) throws Exception {
        NodeAnnouncement announcement = new NodeAnnouncement(address(), endpoint,
                List.of("s3", "gcs"), "eu-west", 1L << 40, "0.1.0", nonce, now.getEpochSecond());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("nodeAddress", announcement.nodeAddress());
        body.put("endpoint", announcement.endpoint());
        body.put("apis", announcement.apis());
        body.put("region", announcement.region());
        body.put("capacityBytes", announcement.capacityBytes());
        body.put("version", announcement.version());
        body.put("nonce", nonce);
        body.put("timestamp", announcement.timestamp());
        body.put("signature", signer.sign(announcement.canonicalMessage()));
        return mvc.perform(post("/nodes/announce").contentType(MediaType.APPLICATION_JSON).content(RegistryFixtures.JSON.writeValueAsString(body)));
    }

    ResultActions terms(UUID nodeId, String code) throws Exception {
        return mvc.perform(post("/nodes/" + nodeId + "/claim-terms").contentType(MediaType.APPLICATION_JSON)
                .content("{\"code\":\"" + code + "\"}"));
    }

    /** Signs the claim for {@code provider} with {@code signer}'s key, as BridgeNodeRegistry expects it. */
    public ResultActions claim(UUID nodeId, String code, String provider, long deadline, Wallet signer) throws Exception {
        NodeClaimTypedData typed = new NodeClaimTypedData(31337, LocalChain.get().addressBook().registry().value(), nodeId, provider,
                BigInteger.ZERO, deadline);
        return mvc.perform(post("/nodes/" + nodeId + "/claim").contentType(MediaType.APPLICATION_JSON)
                .content("{\"code\":\"" + code + "\",\"deadline\":" + deadline + ",\"signature\":\"" + NodeClaimTypedDataTest.sign(typed, signer.key()) + "\"}"));
    }

    public ResultActions token(UUID nodeId, String nonce, long timestamp, Wallet signer) throws Exception {
        String message = new NodeTokenRequest(nodeId, address(), nonce, timestamp).canonicalMessage();
        return mvc.perform(post("/nodes/" + nodeId + "/token").contentType(MediaType.APPLICATION_JSON)
                .content("{\"nonce\":\"" + nonce + "\",\"timestamp\":" + timestamp + ",\"signature\":\"" + Eip191.sign(message, signer.key()) + "\"}"));
    }

    ResultActions heartbeat(UUID nodeId, long timestamp, Wallet signer) throws Exception {
        String message = new NodeHeartbeat(nodeId, address(), timestamp).canonicalMessage();
        return mvc.perform(post("/nodes/" + nodeId + "/heartbeats").contentType(MediaType.APPLICATION_JSON)
                .content("{\"timestamp\":" + timestamp + ",\"signature\":\"" + Eip191.sign(message, signer.key()) + "\"}"));
    }
}
