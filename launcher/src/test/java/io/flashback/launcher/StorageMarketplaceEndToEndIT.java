package io.flashback.launcher;

import static io.flashback.launcher.PlatformFixtures.agreementState;
import static io.flashback.launcher.PlatformFixtures.get;
import static io.flashback.launcher.PlatformFixtures.post;
import static io.flashback.launcher.PlatformFixtures.printed;
import static io.flashback.launcher.PlatformFixtures.providersNode;
import static io.flashback.launcher.PlatformFixtures.session;

import io.flashback.chain.Address;
import io.flashback.chain.AgreementId;
import io.flashback.chain.AgreementRef;
import io.flashback.chain.AgreementTerms;
import io.flashback.chain.Bytes32;
import io.flashback.chain.CreditTier;
import io.flashback.chain.NodeClaim;
import io.flashback.chain.NodeId;
import io.flashback.chain.Signature;
import io.flashback.chain.SignedNodeClaim;
import io.flashback.chain.deploy.AddressBook;
import io.flashback.chain.web3j.ChainKeys;
import io.flashback.chain.web3j.Web3jNodeRegistry;
import io.flashback.chain.web3j.Web3jSlaEscrow;
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
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The storage marketplace end to end with real processes, in the order a provider and a consumer live it.
 *
 * <p>Bridge-node onboarding (issue #5 steps 1–5): the platform as {@code ./flashback up} runs it, a second bridge
 * node started with {@code --platform-url} that announces itself and prints its id and secret, a provider who signs
 * in (SIWE) and gets a claim code, {@code bridge-node claim CODE} signing the EIP-712 claim, the provider's
 * {@code claimNode} and collateral deposit on anvil, and the registry following the chain until the node is ACTIVE,
 * kept online by the node's signed heartbeats.
 *
 * <p>Then the business (issue #6): the provider lists a Data Unit on that node; a consumer finds it, gets a signed
 * quote, orders; the provider accepts; the consumer creates and funds the escrow agreement on anvil with the terms
 * the orchestrator gives, the provider accepts on chain (collateral locked), the agreement goes ACTIVE and a grant
 * is issued; the node pulls it (secret encrypted to its node key) and the consumer uses the AWS SDK with the
 * credentials it is shown; the consumer cancels on chain and the same credentials are refused.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StorageMarketplaceEndToEndIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final BigInteger MINIMUM_COLLATERAL = BigInteger.TEN.pow(21);
    /** anvil development account 5: funded with FLASH at deployment, used by no platform service. */
    private static final Credentials PROVIDER = ChainKeys.anvil(5);
    /** anvil development account 4: funded with fUSD at deployment, used by no platform service. */
    private static final Credentials CONSUMER = ChainKeys.anvil(4);

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
    private static int nodeS3Port;
    private static int nodeManagementPort;
    private static PrometheusServer prometheus;
    private static UUID dataUnitId;
    private static String consumerToken;
    private static UUID agreementId;
    private static AgreementId escrowAgreement;
    private static Instant fundedAt;
    private static Instant acceptedOnChainAt;
    private static AwsCredentialsProvider issued;
    private static URI consumerEndpoint;

    @BeforeAll
    static void up() {
        layout = PlatformFixtures.onFreePorts(state);
        flashback = new Flashback(layout);
        assertThat(flashback.up()).isZero();

        nodeData = state.resolve("provider-node");
        nodeS3Port = Ports.free();
        nodeManagementPort = Ports.free();
        node = ChildProcess.start("provider-node", bridgeNode(List.of("serve", "--port", String.valueOf(nodeS3Port),
                        "--management-port", String.valueOf(nodeManagementPort), "--bind", "127.0.0.1", "--data-dir", nodeData.toString(),
                        "--grant", "FBPROVIDERNODEKEY:provider-node-secret:1GiB:data", "--region", "eu-west",
                        "--platform-url", gateway(), "--heartbeat-interval", "2", "--grant-sync-interval", "2")),
                Map.of(), layout.root(), state.resolve("provider-node.log"));

        // scraped from the start, as an operator's Prometheus would, for the dashboards' check at the end
        LocalPorts ports = layout.ports();
        prometheus = PrometheusServer.scraping(Map.of(
                "flashback-services", java.util.stream.IntStream.of(ports.gatewayManagement(), ports.registry(), ports.marketplace(), ports.orchestrator(),
                        ports.monitor(), ports.oracle()).mapToObj(port -> "127.0.0.1:" + port).toList(),
                "bridge-nodes", List.of("127.0.0.1:" + ports.bridgeNodeManagement(), "127.0.0.1:" + nodeManagementPort)), state.resolve("prometheus"));
    }

    @AfterAll
    static void down() {
        if (prometheus != null) prometheus.close();
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
        HttpResponse<String> seen = get(gateway() + "/api/registry/nodes/" + nodeId, providerToken);
        assertThat(seen.statusCode()).as(seen.body()).isEqualTo(200);
        JsonNode view = JSON.readTree(seen.body());
        assertThat(view.path("state").asString()).isEqualTo("ANNOUNCED");
        assertThat(view.path("nodeAddress").asString()).isEqualTo(nodeAddress);
        assertThat(view.path("region").asString()).isEqualTo("eu-west");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                JSON.readTree(get(gateway() + "/api/registry/nodes/" + nodeId, providerToken).body()).path("lastHeartbeatAt").isString());
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

        HttpResponse<String> onChain = get(gateway() + "/api/registry/nodes/" + nodeId + "/claim", providerToken);
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

        JsonNode active = await().atMost(Duration.ofSeconds(90)).until(() -> providersNode(gateway(), providerToken, nodeId), view -> "ACTIVE".equals(view.path("state").asString()));
        assertThat(active.path("online").asBoolean()).isTrue();
        assertThat(new BigInteger(active.path("collateral").asString())).isEqualTo(MINIMUM_COLLATERAL);
        assertThat(active.path("boundOnChainAt").isString()).as(active.toString()).isTrue();
        assertThat(active.path("providerWallet").asString()).isEqualTo(PROVIDER.getAddress().toLowerCase());

        Instant heartbeat = Instant.parse(active.path("lastHeartbeatAt").asString());
        await().atMost(Duration.ofSeconds(30)).until(() -> Instant.parse(providersNode(gateway(), providerToken, nodeId).path("lastHeartbeatAt").asString()).isAfter(heartbeat));
        assertThat(log()).doesNotContain("heartbeat refused");
        node.requireAlive();
    }

    @Test
    @Order(4)
    void theProviderListsADataUnitOnItsActiveNodeWhichConsumersFind() throws Exception {
        String listing = JSON.writeValueAsString(Map.ofEntries(Map.entry("nodeId", nodeId), Map.entry("capacityBytes", 50L << 30),
                Map.entry("currency", "USDC"), Map.entry("pricePerGbMonth", "0.004"), Map.entry("egressPricePerGb", "0.01"),
                Map.entry("region", "eu-west"), Map.entry("country", "DE"), Map.entry("s3", true), Map.entry("gcs", true),
                Map.entry("availabilityPct", "99.9"), Map.entry("latencyMs", 80), Map.entry("uploadMbps", 100), Map.entry("downloadMbps", 200),
                Map.entry("errorRatePpm", 1000), Map.entry("minTermDays", 1), Map.entry("maxTermDays", 365),
                Map.entry("paymentMethods", List.of("CRYPTO")), Map.entry("encryptionAtRest", true), Map.entry("versioning", false)));
        // the marketplace learns that the node is ACTIVE from the registry's events: list once it has
        HttpResponse<String> listed = await().atMost(Duration.ofSeconds(30)).until(
                () -> post(gateway() + "/api/marketplace/data-units", providerToken, listing), response -> response.statusCode() != 422);
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(201);
        dataUnitId = UUID.fromString(JSON.readTree(listed.body()).path("id").asString());

        HttpResponse<String> found = HTTP.send(HttpRequest.newBuilder(URI.create(gateway() + "/api/marketplace/data-units?region=eu-west&api=s3&sort=price"))
                .timeout(Duration.ofSeconds(40)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        assertThat(found.body()).contains(dataUnitId.toString());
    }

    @Test
    @Order(5)
    void aConsumerQuotesAndOrdersAndTheProviderAccepts() throws Exception {
        consumerToken = session(gateway(), CONSUMER, "CONSUMER", "Consumer Co");
        HttpResponse<String> quoted = post(gateway() + "/api/marketplace/quotes", null, JSON.writeValueAsString(Map.of(
                "dataUnitIds", List.of(dataUnitId), "capacityBytes", 1L << 30, "termDays", 30, "egressGbPerMonth", 1, "currency", "USDC")));
        assertThat(quoted.statusCode()).as(quoted.body()).isEqualTo(201);
        String quoteToken = JSON.readTree(quoted.body()).path("token").asString();

        HttpResponse<String> ordered = await().atMost(Duration.ofSeconds(30)).until(() -> post(gateway() + "/api/orchestrator/orders",
                consumerToken, JSON.writeValueAsString(Map.of("quoteToken", quoteToken, "paymentMethod", "CRYPTO"))),
                response -> response.statusCode() != 403);
        assertThat(ordered.statusCode()).as(ordered.body()).isEqualTo(201);
        JsonNode agreement = JSON.readTree(ordered.body()).path("agreements").get(0);
        agreementId = UUID.fromString(agreement.path("id").asString());
        assertThat(agreement.path("state").asString()).isEqualTo("REQUESTED");

        HttpResponse<String> decided = await().atMost(Duration.ofSeconds(30)).until(() -> post(gateway() + "/api/orchestrator/agreements/"
                + agreementId + "/decision", providerToken, "{\"decision\":\"ACCEPT\",\"reason\":\"room on the node\"}"),
                response -> response.statusCode() != 404);
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);
        assertThat(JSON.readTree(decided.body()).path("state").asString()).isEqualTo("ACCEPTED");
    }

    @Test
    @Order(6)
    void theConsumerFundsTheEscrowTheProviderAcceptsOnChainAndTheAgreementIsActive() throws Exception {
        HttpResponse<String> termsResponse = get(gateway() + "/api/orchestrator/agreements/" + agreementId + "/escrow-terms", consumerToken);
        assertThat(termsResponse.statusCode()).as(termsResponse.body()).isEqualTo(200);
        JsonNode terms = JSON.readTree(termsResponse.body());
        List<CreditTier> tiers = new ArrayList<>();
        terms.path("creditTiers").forEach(tier -> tiers.add(new CreditTier(tier.path("belowPpm").asInt(), tier.path("creditBps").asInt())));
        AddressBook book = AddressBook.read(layout.addressBook());
        Web3j web3j = Web3j.build(new HttpService("http://127.0.0.1:" + layout.ports().anvil()));
        try {
            Web3jSlaEscrow consumerEscrow = new Web3jSlaEscrow(Web3jTransactions.connect(web3j, CONSUMER), book.escrow());
            escrowAgreement = consumerEscrow.createAgreement(new AgreementTerms(new AgreementRef(new Bytes32(terms.path("reference").asString())),
                    Address.of(terms.path("consumer").asString()), NodeId.of(terms.path("nodeId").asString()), Address.of(terms.path("token").asString()),
                    new BigInteger(terms.path("pricePerEpoch").asString()), terms.path("epochs").asInt(), terms.path("startEpoch").asLong(),
                    new BigInteger(terms.path("collateral").asString()), terms.path("slashBelowPpm").asInt(),
                    new BigInteger(terms.path("slashAmount").asString()), tiers));
            fundedAt = Instant.now();
            await().atMost(Duration.ofSeconds(60)).until(() -> agreementState(gateway(), consumerToken, agreementId), "FUNDED"::equals);

            new Web3jSlaEscrow(Web3jTransactions.connect(web3j, PROVIDER), book.escrow()).accept(escrowAgreement);
            acceptedOnChainAt = Instant.now();
        } finally {
            web3j.shutdown();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> agreementState(gateway(), providerToken, agreementId), "ACTIVE"::equals);
    }

    @Test
    @Order(7)
    void theConsumerIsShownItsCredentialsOnceAndTheNodeAcceptsThem() throws Exception {
        HttpResponse<String> shown = get(gateway() + "/api/orchestrator/agreements/" + agreementId + "/credentials", consumerToken);
        assertThat(shown.statusCode()).as(shown.body()).isEqualTo(200);
        JsonNode credentials = JSON.readTree(shown.body());
        String bucket = credentials.path("bucket").asString();
        issued = StaticCredentialsProvider.create(AwsBasicCredentials.create(credentials.path("accessKeyId").asString(),
                credentials.path("secret").asString()));
        assertThat(credentials.path("secret").asString()).hasSize(40);
        assertThat(credentials.path("nodeId").asString()).isEqualTo(nodeId.toString());
        // the endpoint the node announced (http://BIND:PORT by default), which the consumer points its tools at
        consumerEndpoint = URI.create(credentials.path("endpoint").asString());
        assertThat(consumerEndpoint).isEqualTo(URI.create("http://127.0.0.1:" + nodeS3Port));

        HttpResponse<String> again = get(gateway() + "/api/orchestrator/agreements/" + agreementId + "/credentials", consumerToken);
        assertThat(JSON.readTree(again.body()).has("secret")).isFalse();
        assertThat(JSON.readTree(again.body()).path("secretAlreadyShown").asBoolean()).isTrue();
        assertThat(get(gateway() + "/api/orchestrator/agreements/" + agreementId + "/credentials", providerToken).statusCode()).isEqualTo(404);

        byte[] data = "stored under an SLA".repeat(1000).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (S3Client s3 = consumerS3()) {
            // the node pulls its grants every 2 s: the credentials work once it has
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreException(S3Exception.class)
                    .until(() -> s3.putObject(request -> request.bucket(bucket).key("reports/2026.csv"), RequestBody.fromBytes(data)) != null);
            Instant accepted = Instant.now();
            System.out.printf("escrow funded → credentials accepted by the node: %d ms (provider's on-chain accept → accepted: %d ms)%n",
                    Duration.between(fundedAt, accepted).toMillis(), Duration.between(acceptedOnChainAt, accepted).toMillis());
            assertThat(s3.getObjectAsBytes(request -> request.bucket(bucket).key("reports/2026.csv")).asByteArray()).isEqualTo(data);
            assertThat(s3.listObjectsV2(request -> request.bucket(bucket)).contents()).extracting(S3Object::key).containsExactly("reports/2026.csv");
        }
    }

    @Test
    @Order(8)
    void theConsumerCancelsOnChainAndTheSameCredentialsAreRefused() throws Exception {
        Web3j web3j = Web3j.build(new HttpService("http://127.0.0.1:" + layout.ports().anvil()));
        try {
            new Web3jSlaEscrow(Web3jTransactions.connect(web3j, CONSUMER), AddressBook.read(layout.addressBook()).escrow()).cancel(escrowAgreement);
        } finally {
            web3j.shutdown();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> agreementState(gateway(), consumerToken, agreementId), "TERMINATED_BY_CONSUMER"::equals);

        try (S3Client s3 = consumerS3()) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThatThrownBy(() -> s3.listObjectsV2(request -> request.bucket("any")))
                            .isInstanceOfSatisfying(S3Exception.class, refused -> assertThat(refused.statusCode()).isEqualTo(403)));
        }
        HttpResponse<String> gone = get(gateway() + "/api/orchestrator/agreements/" + agreementId + "/credentials", consumerToken);
        assertThat(gone.statusCode()).as(gone.body()).isEqualTo(409);
    }

    private static S3Client consumerS3() {
        return S3Client.builder().endpointOverride(consumerEndpoint).region(Region.US_EAST_1)
                .forcePathStyle(true).credentialsProvider(issued).build();
    }

    @Test
    @Order(9)
    void thePlatformCertifiesTheActiveNodeAndConsumersCanAskForCertifiedCapacity() throws Exception {
        // the registry scans for due nodes every 20 s (local profile); the node's grant sync brings the run's test key
        JsonNode certification = await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            HttpResponse<String> answer = get(gateway() + "/api/registry/nodes/" + nodeId + "/certification", providerToken);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            JsonNode view = JSON.readTree(answer.body());
            assertThat(view.path("status").asString()).as("the run's reasons: " + answer.body()).isNotEqualTo("FAILED");
            return view;
        }, view -> "CERTIFIED".equals(view.path("status").asString()));

        assertThat(certification.path("tier").asString()).isIn("GOLD", "SILVER", "BRONZE");
        JsonNode run = certification.path("runs").get(0);
        assertThat(run.path("checks")).allSatisfy(check -> assertThat(check.path("passed").asBoolean()).as(check.toString()).isTrue());
        System.out.printf("certification of node %s: %s, %s%n", nodeId, certification.path("tier").asString(), run.path("checks"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(log()).contains("test grant of a certification run: key FBC")
                .as("the node drops the run's key once the run is over").containsPattern("test grant of a certification run: key FBC\\w+ ended"));

        HttpResponse<String> certified = await().atMost(Duration.ofSeconds(30)).until(() -> HTTP.send(HttpRequest.newBuilder(
                        URI.create(gateway() + "/api/marketplace/data-units?region=eu-west&certified=bronze")).timeout(Duration.ofSeconds(40)).GET().build(),
                HttpResponse.BodyHandlers.ofString()), response -> response.body().contains(dataUnitId.toString()));
        assertThat(certified.body()).contains("\"certificationTier\":\"" + certification.path("tier").asString() + "\"");
    }

    @Test
    @Order(10)
    void theMonitorAuditsTheNodeWithThePlatformsCanaryKeyItsGrantSyncFetched() throws Exception {
        // nothing configured for this node: its grant sync fetched the monitor's canary key (local audits every minute)
        await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(3)).untilAsserted(() -> {
            HttpResponse<String> qos = HTTP.send(HttpRequest.newBuilder(URI.create(gateway() + "/api/monitor/nodes/" + nodeId + "/qos?resolution=minute"))
                    .timeout(Duration.ofSeconds(40)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(qos.statusCode()).as(qos.body()).isEqualTo(200);
            long passed = 0;
            for (JsonNode point : JSON.readTree(qos.body()).path("points")) passed += point.path("auditsPassed").asLong();
            assertThat(passed).as("passed possession audits of node " + nodeId + ": " + qos.body()).isPositive();
        });
        assertThat(log()).contains("the monitor's canary key: key FBM");
    }

    @Test
    @Order(20)
    void everyGrafanaPanelQueryReturnsDataFromTheRunningPlatform() throws Exception {
        List<GrafanaDashboards.PanelQuery> queries = GrafanaDashboards.queries(layout.root());
        assertThat(queries).isNotEmpty();
        // the monitor probes the node every 15 s and counters need two scrapes for a rate: give them that long
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(5)).untilAsserted(() -> {
            List<String> empty = new ArrayList<>();
            for (GrafanaDashboards.PanelQuery query : queries) {
                if (prometheus.query(query.expr()).isEmpty()) empty.add(query.toString());
            }
            assertThat(empty).as("panels whose query returns no data").isEmpty();
        });
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

    private static String providerSession() throws Exception {
        return session(gateway(), PROVIDER, "PROVIDER", "Acme Storage");
    }

    private static String signIn(ECKeyPair key) throws Exception {
        return PlatformFixtures.signIn(gateway(), key);
    }

    private static String gateway() {
        return "http://127.0.0.1:" + layout.ports().gateway();
    }
}
