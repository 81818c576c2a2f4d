package io.flashback.launcher;

import io.flashback.chain.Address;
import io.flashback.chain.NodeClaim;
import io.flashback.chain.NodeId;
import io.flashback.chain.Signature;
import io.flashback.chain.SignedNodeClaim;
import io.flashback.chain.deploy.AddressBook;
import io.flashback.chain.web3j.ChainKeys;
import io.flashback.chain.web3j.Web3jNodeRegistry;
import io.flashback.chain.web3j.Web3jTransactions;
import io.flashback.infra.process.ChildProcess;
import io.flashback.infra.process.Ports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bridge-node onboarding end to end (issue #5 steps 1–5) with real processes: the platform as {@code ./flashback up}
 * runs it, a second bridge node started with {@code --platform-url} that announces itself and prints its id and
 * secret, a provider who signs in (SIWE) and gets a claim code, {@code bridge-node claim CODE} signing the EIP-712
 * claim, the provider's {@code claimNode} and collateral deposit on anvil, and the registry following the chain
 * until the node is ACTIVE, kept online by the node's signed heartbeats.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BridgeNodeOnboardingEndToEndIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final BigInteger MINIMUM_COLLATERAL = BigInteger.TEN.pow(21);
    /** anvil development account 5: funded with FLASH at deployment, used by no platform service. */
    private static final Credentials PROVIDER = ChainKeys.anvil(5);

    @TempDir
    static Path state;

    private static PlatformLayout layout;
    private static Flashback flashback;
    private static ChildProcess node;
    private static Path nodeData;
    private static UUID nodeId;
    private static String nodeAddress;
    private static String secret;
    private static String providerToken;

    @BeforeAll
    static void up() {
        layout = PlatformFixtures.onFreePorts(state);
        flashback = new Flashback(layout);
        assertThat(flashback.up()).isZero();

        nodeData = state.resolve("provider-node");
        node = ChildProcess.start("provider-node", bridgeNode(List.of("serve", "--port", String.valueOf(Ports.free()),
                        "--management-port", String.valueOf(Ports.free()), "--bind", "127.0.0.1", "--data-dir", nodeData.toString(),
                        "--grant", "FBPROVIDERNODEKEY:provider-node-secret:1GiB:data", "--region", "eu-west",
                        "--platform-url", gateway(), "--heartbeat-interval", "2")),
                Map.of(), layout.root(), state.resolve("provider-node.log"));
    }

    @AfterAll
    static void down() {
        if (node != null) node.close();
        if (flashback != null) flashback.down();
    }

    @Test
    @Order(1)
    void theNodeAnnouncesItselfAndPrintsItsIdAndSecret() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            node.requireAlive();
            return log().contains("secret:");
        });
        String printed = log();
        nodeId = UUID.fromString(printed(printed, "node id:"));
        nodeAddress = printed(printed, "node address:");
        secret = printed(printed, "secret:");
        assertThat(printed).contains("bridge-node.jar claim CODE --data-dir " + nodeData);
        assertThat(nodeAddress).matches("0x[0-9a-f]{40}");
        assertThat(secret).hasSize(43);
        Path key = nodeData.resolve("platform").resolve("node.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");

        providerToken = providerSession();
        HttpResponse<String> seen = get("/api/registry/nodes/" + nodeId, providerToken);
        assertThat(seen.statusCode()).as(seen.body()).isEqualTo(200);
        JsonNode view = JSON.readTree(seen.body());
        assertThat(view.path("state").asString()).isEqualTo("ANNOUNCED");
        assertThat(view.path("nodeAddress").asString()).isEqualTo(nodeAddress);
        assertThat(view.path("region").asString()).isEqualTo("eu-west");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                JSON.readTree(get("/api/registry/nodes/" + nodeId, providerToken).body()).path("lastHeartbeatAt").isString());
    }

    @Test
    @Order(2)
    void theClaimCommandRefusesAWrongCodeWithAClearMessage() {
        ClaimRun wrong = claim("ZZZZ-ZZZZ-ZZZZ");
        assertThat(wrong.status()).isEqualTo(1);
        assertThat(wrong.output()).contains("claim code is wrong");

        ClaimRun malformed = claim("not-a-code");
        assertThat(malformed.status()).isEqualTo(2);
        assertThat(malformed.output()).contains("is not a claim code");
        assertThat(malformed.output().lines().filter(line -> line.startsWith("bridge-node:"))).as("one line").hasSize(1);
    }

    @Test
    @Order(3)
    void theProviderClaimsTheNodeWhichBecomesActiveWithCollateralAndStaysOnline() throws Exception {
        HttpResponse<String> issued = post(gateway() + "/api/registry/nodes/" + nodeId + "/claim-codes", providerToken,
                JSON.writeValueAsString(Map.of("secret", secret)));
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        String code = JSON.readTree(issued.body()).path("code").asString();

        ClaimRun claimed = claim(code);
        assertThat(claimed.status()).as(claimed.output()).isZero();
        assertThat(claimed.output()).contains("claimed by " + PROVIDER.getAddress().toLowerCase());

        HttpResponse<String> onChain = get("/api/registry/nodes/" + nodeId + "/claim", providerToken);
        assertThat(onChain.statusCode()).as(onChain.body()).isEqualTo(200);
        JsonNode args = JSON.readTree(onChain.body());
        AddressBook book = AddressBook.read(layout.addressBook());
        Web3j web3j = Web3j.build(new HttpService("http://127.0.0.1:" + layout.ports().anvil()));
        try {
            Web3jNodeRegistry registry = new Web3jNodeRegistry(Web3jTransactions.connect(web3j, PROVIDER), book.registry());
            NodeId chainNodeId = NodeId.of(args.path("nodeIdBytes32").asString());
            registry.claimNode(new SignedNodeClaim(new NodeClaim(chainNodeId, Address.of(args.path("nodeAddress").asString()),
                    Address.of(args.path("provider").asString()), new BigInteger(args.path("nonce").asString()),
                    Instant.ofEpochSecond(args.path("deadline").asLong())), new Signature(args.path("signature").asString())));
            registry.depositCollateral(chainNodeId, MINIMUM_COLLATERAL, "e2e-collateral-" + nodeId);
        } finally {
            web3j.shutdown();
        }

        JsonNode active = await().atMost(Duration.ofSeconds(90)).until(this::myNode, view -> "ACTIVE".equals(view.path("state").asString()));
        assertThat(active.path("online").asBoolean()).isTrue();
        assertThat(new BigInteger(active.path("collateral").asString())).isEqualTo(MINIMUM_COLLATERAL);
        assertThat(active.path("boundOnChainAt").isString()).as(active.toString()).isTrue();
        assertThat(active.path("providerWallet").asString()).isEqualTo(PROVIDER.getAddress().toLowerCase());

        Instant heartbeat = Instant.parse(active.path("lastHeartbeatAt").asString());
        await().atMost(Duration.ofSeconds(30)).until(() -> Instant.parse(myNode().path("lastHeartbeatAt").asString()).isAfter(heartbeat));
        assertThat(log()).doesNotContain("heartbeat refused");
        node.requireAlive();
    }

    private JsonNode myNode() throws Exception {
        HttpResponse<String> mine = get("/api/registry/nodes", providerToken);
        assertThat(mine.statusCode()).as(mine.body()).isEqualTo(200);
        for (JsonNode view : JSON.readTree(mine.body())) {
            if (view.path("id").asString().equals(nodeId.toString())) return view;
        }
        throw new AssertionError("node " + nodeId + " not in the provider's list: " + mine.body());
    }

    private record ClaimRun(int status, String output) {}

    private static ClaimRun claim(String code) {
        Path output = state.resolve("claim-" + UUID.randomUUID() + ".log");
        try (ChildProcess claim = ChildProcess.start("bridge-node-claim", bridgeNode(List.of("claim", code, "--data-dir", nodeData.toString(),
                "--platform-url", gateway())), Map.of(), layout.root(), output)) {
            int status = claim.waitFor(Duration.ofSeconds(90));
            return new ClaimRun(status, Files.readString(output));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> bridgeNode(List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(ChildProcess.currentJava(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar",
                layout.root().resolve("bridge-node").resolve("target").resolve("bridge-node.jar").toString()));
        command.addAll(arguments);
        return command;
    }

    private static String log() throws Exception {
        return Files.readString(node.logFile());
    }

    private static String printed(String log, String label) {
        Matcher matcher = Pattern.compile(Pattern.quote(label) + "\\s+(\\S+)").matcher(log);
        assertThat(matcher.find()).as(label + " in the node's output").isTrue();
        return matcher.group(1);
    }

    /** Registers anvil account 5 as a PROVIDER and signs in again for a token that carries the role. */
    private static String providerSession() throws Exception {
        ECKeyPair key = PROVIDER.getEcKeyPair();
        HttpResponse<String> registered = post(gateway() + "/api/registry/accounts", signIn(key), JSON.writeValueAsString(Map.of(
                "wallet", PROVIDER.getAddress().toLowerCase(), "role", "PROVIDER", "displayName", "Acme Storage")));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        return signIn(key);
    }

    private static String signIn(ECKeyPair key) throws Exception {
        return PlatformFixtures.signIn(gateway(), key);
    }

    private static String gateway() {
        return "http://127.0.0.1:" + layout.ports().gateway();
    }

    private static HttpResponse<String> get(String path, String accessToken) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway() + path)).timeout(Duration.ofSeconds(40))
                .header("Authorization", "Bearer " + accessToken).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String url, String accessToken, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(40))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (accessToken != null) request.header("Authorization", "Bearer " + accessToken);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
