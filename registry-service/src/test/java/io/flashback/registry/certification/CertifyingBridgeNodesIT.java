package io.flashback.registry.certification;

import io.flashback.chain.nodekey.NodeKeyEncryption;
import io.flashback.infra.testing.BridgeNodeProcess;
import io.flashback.registry.RegistryFixtures.Session;
import io.flashback.registry.RegistryFixtures.Wallet;
import io.flashback.registry.RegistryIntegrationTest;
import io.flashback.registry.node.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import org.web3j.crypto.Sign;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.flashback.registry.RegistryFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Certification runs against a real bridge node process (the module's jar) with the AWS SDK. The test plays the node's
 * side of the delivery: it fetches the running run's test grant with the node's NODE token, opens the secret with the
 * node key, and hands the key to the node in its grants file (a node syncing from the platform does the same through
 * its grant sync, which bridge-node's GrantSyncFromThePlatformIT and the launcher's end-to-end test cover).
 */
class CertifyingBridgeNodesIT extends RegistryIntegrationTest {

    private static BridgeNodeProcess bridgeNode;
    private static Path grantsFile;
    private static String endpoint;

    @Autowired
    CertifyBridgeNodes certification;

    @BeforeAll
    static void startBridgeNode() throws IOException {
        assumeTrue(BridgeNodeProcess.built(), "build the bridge node first: ./mvnw -pl bridge-node -DskipTests package");
        Path directory = Files.createTempDirectory("registry-it-bridge-node-");
        grantsFile = directory.resolve("grants.json");
        Files.writeString(grantsFile, grants(List.of()));
        bridgeNode = BridgeNodeProcess.serve(directory, List.of("--grants-file", grantsFile.toString()));
        endpoint = bridgeNode.endpoint();
    }

    @AfterAll
    static void stopBridgeNode() {
        if (bridgeNode != null) {
            bridgeNode.close();
        }
    }

    @Test
    void aNodeThatPassesEveryCheckIsCertifiedWithATierAndItsTestKeyEndsWithTheRun() throws Exception {
        ActiveNode node = activeNode(endpoint);

        JsonNode started = json(mvc.perform(post("/nodes/" + node.id + "/certification").header("Authorization", node.provider.bearer()))
                .andExpect(status().isAccepted()));
        assertThat(started.path("outcome").asString()).isEqualTo("RUNNING");
        assertThat(started.path("trigger").asString()).isEqualTo("REQUESTED");
        mvc.perform(post("/nodes/" + node.id + "/certification").header("Authorization", node.provider.bearer()))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.title").value("Certification running"));

        TestGrant grant = actAsTheNode(node, "READ_WRITE");

        JsonNode certified = awaitStatus(node, "CERTIFIED");
        assertThat(certified.path("tier").asString()).isIn("GOLD", "SILVER", "BRONZE");
        assertThat(certified.path("certifiedUntil").asString()).isNotBlank();
        JsonNode run = certified.path("runs").get(0);
        assertThat(run.path("outcome").asString()).isEqualTo("PASSED");
        assertThat(run.path("checks")).extracting(check -> check.path("check").asString()).containsExactly("credentials", "put", "get", "list",
                "multipart", "bad-signature", "anonymous", "latency", "upload-throughput", "download-throughput", "delete");
        assertThat(run.path("checks")).allSatisfy(check -> assertThat(check.path("passed").asBoolean()).as(check.toString()).isTrue());
        assertThat(run.path("checks").get(5).path("detail").asString()).contains("SignatureDoesNotMatch");
        assertThat(run.path("checks").get(7).path("value").asDouble()).isPositive();
        assertThat(run.path("checks").get(8).path("value").asDouble()).isPositive();
        assertThat(published("io.flashback.registry.node-certified.v1", node.id)).isEqualTo(1);

        // the run is over: its key is no longer served and its secret is gone from the database
        JsonNode after = json(mvc.perform(get("/nodes/" + node.id + "/test-grants").header("Authorization", "Bearer " + nodeToken(node)))
                .andExpect(status().isOk()));
        assertThat(after.path("grants")).isEmpty();
        assertThat(jdbc.sql("select count(*) from certification_run where id = ? and secret_sealed is null").param(UUID.fromString(grant.run))
                .query(Long.class).single()).isEqualTo(1);
        try (S3Client s3 = s3(grant.accessKey, grant.secret)) {
            assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).doesNotContain(grant.bucket);
        }
    }

    @Test
    void aNodeThatRefusesTheUploadsFailsWithTheReasonsAndItsProviderSeesThem() throws Exception {
        ActiveNode node = activeNode(endpoint);
        mvc.perform(post("/nodes/" + node.id + "/certification").header("Authorization", node.provider.bearer())).andExpect(status().isAccepted());

        actAsTheNode(node, "READ");

        JsonNode failed = awaitStatus(node, "FAILED");
        assertThat(failed.path("tier").isNull() || failed.path("tier").isMissingNode()).isTrue();
        JsonNode checks = failed.path("runs").get(0).path("checks");
        assertThat(checks).filteredOn(check -> check.path("check").asString().equals("put"))
                .singleElement().satisfies(check -> {
                    assertThat(check.path("passed").asBoolean()).isFalse();
                    assertThat(check.path("detail").asString()).contains("403").contains("AccessDenied");
                });
        assertThat(checks).filteredOn(check -> check.path("check").asString().equals("bad-signature"))
                .singleElement().satisfies(check -> assertThat(check.path("passed").asBoolean()).isTrue());
        assertThat(published("io.flashback.registry.node-certification-failed.v1", node.id)).isEqualTo(1);
        assertThat(published("io.flashback.registry.node-certified.v1", node.id)).isZero();
    }

    @Test
    void aNodeThatNeverHonoursTheTestKeyFailsWithThatReason() throws Exception {
        ActiveNode node = activeNode(endpoint);
        mvc.perform(post("/nodes/" + node.id + "/certification").header("Authorization", node.provider.bearer())).andExpect(status().isAccepted());

        JsonNode failed = awaitStatus(node, "FAILED");

        JsonNode checks = failed.path("runs").get(0).path("checks");
        assertThat(checks).hasSize(1);
        assertThat(checks.get(0).path("check").asString()).isEqualTo("credentials");
        assertThat(checks.get(0).path("detail").asString()).contains("did not honour the platform's test key").contains("HTTP 403");
    }

    @Test
    void onlyTheNodeGetsItsTestKeyAndOnlyItsProviderSeesOrStartsRuns() throws Exception {
        ActiveNode node = activeNode("http://127.0.0.1:9");
        ActiveNode other = activeNode("http://127.0.0.1:9");
        Session stranger = fixtures().registered(Wallet.generate(), "PROVIDER", clock.instant());

        mvc.perform(get("/nodes/" + node.id + "/certification").header("Authorization", stranger.bearer())).andExpect(status().isNotFound());
        mvc.perform(post("/nodes/" + node.id + "/certification").header("Authorization", stranger.bearer())).andExpect(status().isNotFound());
        mvc.perform(get("/nodes/" + node.id + "/certification").header("Authorization", node.provider.bearer())).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("NONE"));
        mvc.perform(get("/nodes/" + node.id + "/test-grants").header("Authorization", node.provider.bearer())).andExpect(status().isForbidden());
        mvc.perform(get("/nodes/" + node.id + "/test-grants").header("Authorization", "Bearer " + nodeToken(other))).andExpect(status().isForbidden());
        mvc.perform(get("/nodes/" + node.id + "/test-grants")).andExpect(status().isUnauthorized());

        jdbc.sql("update bridge_node set state = 'INACTIVE' where id = ?").param(node.id).update();
        mvc.perform(post("/nodes/" + node.id + "/certification").header("Authorization", node.provider.bearer())).andExpect(status().isConflict())
                .andExpect(jsonPath("$.title").value("Node not ready for certification"));
    }

    @Test
    void aRunCutShortByAStoppedInstanceEndsAsFailedAndTheNodeIsDueAgainLater() throws Exception {
        ActiveNode node = activeNode("http://127.0.0.1:9");
        UUID cutShort = UUID.randomUUID();
        jdbc.sql("""
                        insert into certification_run (id, node_id, trigger, outcome, started_at, deadline, access_key_id, secret_sealed, bucket, quota_bytes)
                        values (?, ?, 'SCHEDULED', 'RUNNING', now() - interval '1 hour', now() - interval '1 minute', ?, '\\x00', 'fb-cert-x', 1)""")
                .params(cutShort, node.id, "FBC" + cutShort.toString().substring(0, 17).replace("-", "X").toUpperCase()).update();

        assertThat(certification.due(node.id)).isFalse();
        certification.endAbandonedRuns();

        assertThat(jdbc.sql("select outcome from certification_run where id = ?").param(cutShort).query(String.class).single()).isEqualTo("FAILED");
        assertThat(published("io.flashback.registry.node-certification-failed.v1", node.id)).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from certification_run where node_id = ? and outcome = 'RUNNING'").param(node.id).query(Long.class)
                .single()).isZero();
        assertThat(certification.due(node.id)).as("a failed node waits for the retry interval").isFalse();
        clock.advance(Duration.ofHours(2));
        assertThat(certification.due(node.id)).isTrue();
    }

    private record ActiveNode(UUID id, TestNode node, Session provider) {
    }

    private record TestGrant(String accessKey, String secret, String bucket, String run) {
    }

    /** A claimed node made ACTIVE and online directly in the database (collateral following is CollateralFollowingIT's). */
    private ActiveNode activeNode(String endpoint) throws Exception {
        TestNode node = new TestNode(mvc);
        JsonNode announced = json(node.announceAt(clock.instant(), endpoint).andExpect(status().isCreated()));
        UUID nodeId = UUID.fromString(announced.path("nodeId").asString());
        Wallet wallet = Wallet.generate();
        Session provider = fixtures().registered(wallet, "PROVIDER", clock.instant());
        String code = json(mvc.perform(post("/nodes/" + nodeId + "/claim-codes").header("Authorization", provider.bearer())
                .contentType(MediaType.APPLICATION_JSON).content("{\"secret\":\"" + announced.path("secret").asString() + "\"}"))
                .andExpect(status().isCreated())).path("code").asString();
        node.claim(nodeId, code, wallet.address(), clock.instant().getEpochSecond() + 3600, node.key).andExpect(status().isOk());
        jdbc.sql("update bridge_node set state = 'ACTIVE', last_heartbeat_at = now(), offline_since = null where id = ?").param(nodeId).update();
        return new ActiveNode(nodeId, node, provider);
    }

    private String nodeToken(ActiveNode node) throws Exception {
        return json(node.node.token(node.id, "token" + UUID.randomUUID().toString().replace("-", ""), clock.instant().getEpochSecond(), node.node.key)
                .andExpect(status().isOk())).path("accessToken").asString();
    }

    /** What a node's grant sync does with the run's key: fetch, open with the node key, honour (here with {@code access}), make the bucket. */
    private TestGrant actAsTheNode(ActiveNode node, String access) throws Exception {
        JsonNode grants = json(mvc.perform(get("/nodes/" + node.id + "/test-grants").header("Authorization", "Bearer " + nodeToken(node)))
                .andExpect(status().isOk()));
        assertThat(grants.path("grants")).hasSize(1);
        JsonNode grant = grants.path("grants").get(0);
        String accessKey = grant.path("accessKeyId").asString();
        String secret = NodeKeyEncryption.decrypt(node.node.key.key().getPrivateKey(), accessKey, grant.path("encryptedSecret").asString());
        String bucket = grant.path("bucket").asString();
        assertThat(grant.path("owner").asString()).isEqualTo("flashback-certification");
        assertThat(grant.toString()).doesNotContain(secret);
        try (S3Client operator = s3(OPERATOR_KEY, OPERATOR_SECRET)) {
            operator.createBucket(b -> b.bucket(bucket));
        }
        Path written = Files.createTempFile(grantsFile.getParent(), "grants", ".tmp");
        Files.writeString(written, grants(List.of("{\"accessKey\":\"" + accessKey + "\",\"secret\":\"" + secret + "\",\"owner\":\"flashback-certification\","
                + "\"buckets\":[\"" + bucket + "\"],\"quotaBytes\":" + grant.path("quotaBytes").asLong() + ",\"access\":\"" + access + "\"}")));
        Files.move(written, grantsFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new TestGrant(accessKey, secret, bucket, grant.path("certificationRun").asString());
    }

    private static final String OPERATOR_KEY = "FBOPERATORAAAAAAAAAA";
    private static final String OPERATOR_SECRET = "operator-secret-operator-secret-0123";

    /** The grants file: the node operator's own key for the run buckets (made by the node's grant sync otherwise), and {@code more}. */
    private static String grants(List<String> more) {
        StringBuilder json = new StringBuilder("{\"grants\":[{\"accessKey\":\"" + OPERATOR_KEY + "\",\"secret\":\"" + OPERATOR_SECRET
                + "\",\"owner\":\"flashback-certification\",\"buckets\":[\"fb-cert-*\"],\"quotaBytes\":1048576,\"access\":\"READ_WRITE\"}");
        more.forEach(grant -> json.append(',').append(grant));
        return json.append("]}").toString();
    }

    private JsonNode awaitStatus(ActiveNode node, String expected) {
        JsonNode[] view = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            view[0] = json(mvc.perform(get("/nodes/" + node.id + "/certification").header("Authorization", node.provider.bearer()))
                    .andExpect(status().isOk()));
            assertThat(view[0].path("status").asString()).isEqualTo(expected);
        });
        return view[0];
    }

    private static S3Client s3(String accessKey, String secret) {
        return S3Client.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secret))).build();
    }
}
