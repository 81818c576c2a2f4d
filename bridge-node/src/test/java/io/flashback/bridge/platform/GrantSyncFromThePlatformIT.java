package io.flashback.bridge.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.flashback.bridge.grants.Access;
import io.flashback.bridge.grants.Grant;
import io.flashback.bridge.node.BridgeNode;
import io.flashback.bridge.node.NodeConfig;
import io.flashback.bridge.storage.BucketInfo;
import io.flashback.bridge.storage.ForwardingObjectStore;
import io.flashback.bridge.storage.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Keys;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Issue #6 on the node: grants from a stand-in platform (registry token endpoint and orchestrator grant sync behind
 * the gateway's paths) applied without a restart, used with the real AWS SDK v2, revoked within one sync interval,
 * kept through platform outages, and a secret for another key skipped with a clear log.
 */
class GrantSyncFromThePlatformIT {
    private static final UUID NODE = UUID.fromString("6d1f0c2e-3b4a-4c5d-8e9f-a0b1c2d3e4f5");
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final String OWNER = "9a3c5e7f-1b2d-4f6a-8c0e-2d4f6a8c0e1b";
    private static final Grant LOCAL = new Grant("LOCALKEY", "local-secret-local-secret", "operator", List.of("local-*"), 1 << 20,
            Access.READ_WRITE);

    @TempDir
    Path dataDir;
    private PlatformStub stub;
    private final PlatformGrants platform = new PlatformGrants();
    private BridgeNode node;
    private NodeKey key;
    private GrantSync sync;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void start() throws IOException {
        stub = new PlatformStub();
        platform.on(stub);
        node = BridgeNode.start(NodeConfig.filesystem(0, 0, dataDir, List.of(LOCAL)));
        key = NodeKey.loadOrCreate(dataDir);
        logs.start();
        ((Logger) LoggerFactory.getLogger(GrantSync.class)).addAppender(logs);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(GrantSync.class)).detachAppender(logs);
        if (sync != null) sync.close();
        node.close();
        stub.close();
    }

    @Test
    void aGrantFromThePlatformWorksWithTheRealS3ClientUntilItIsRevoked() {
        String secret = "PlatformSecretForTheTest0123456789abcdef";
        String bucket = platform.issue("FBGRANTAAAAAAAAAAAAA", secret, OWNER, 10 << 20, Instant.now().plusSeconds(3600), key.publicKey());
        sync = startSync();

        try (S3Client s3 = s3("FBGRANTAAAAAAAAAAAAA", secret); S3Client local = s3(LOCAL.accessKey(), LOCAL.secret())) {
            await().ignoreExceptions().atMost(Duration.ofSeconds(10)).untilAsserted(() -> s3.headBucket(b -> b.bucket(bucket)));
            s3.putObject(b -> b.bucket(bucket).key("hello.txt"), RequestBody.fromString("hello from the platform"));
            assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("hello.txt")).asUtf8String()).isEqualTo("hello from the platform");
            assertThat(node.store().bucket(bucket).orElseThrow().owner()).isEqualTo(OWNER);
            local.createBucket(b -> b.bucket("local-still-works"));

            platform.revoke("FBGRANTAAAAAAAAAAAAA");

            await().ignoreExceptions().atMost(INTERVAL.multipliedBy(3)).untilAsserted(() -> assertThatThrownBy(() -> s3.headBucket(b -> b.bucket(bucket)))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403)));
            assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("hello.txt")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAccessKeyId"));
            local.headBucket(b -> b.bucket("local-still-works"));
        }

        List<PlatformStub.Request> tokenRequests = stub.requests.stream().filter(r -> r.path().matches(PlatformGrants.TOKEN_PATH)).toList();
        PlatformStub.Request tokenRequest = tokenRequests.getFirst();
        String signed = NodeMessages.tokenRequest(NODE, key.address(), tokenRequest.body().path("nonce").asString(),
                tokenRequest.body().path("timestamp").asLong());
        assertThat(NodeOnboardingAgainstAStubPlatformTest.signer(signed, tokenRequest.body().path("signature").asString())).isEqualTo(key.address());
        assertThat(tokenRequests).as("the token is reused while valid").hasSize(1);
        List<PlatformStub.Request> syncs = grantRequests();
        assertThat(syncs.getFirst().query()).isEqualTo("since=0");
        assertThat(syncs.getFirst().authorization()).isEqualTo("Bearer node-token-1");
        assertThat(syncs).extracting(PlatformStub.Request::query).as("incremental after the issue (version 1)").contains("since=1")
                .doesNotContain("since=" + (platform.version() + 1));
        assertThat(node.registry().scrape()).contains("flashback_bridge_grant_sync_last_success_seconds")
                .contains("flashback_bridge_grant_sync_version " + platform.version() + ".0");
    }

    @Test
    void aGrantsBucketIsMadeBeforeItsKeyWorks() {
        String bucket = platform.issue("FBGRANTORDERAAAAAAAA", "PlatformSecretForTheOrder0123456789abcd", OWNER, 1 << 20,
                Instant.now().plusSeconds(3600), key.publicKey());
        List<Boolean> keyInForceWhenTheBucketWasMade = new java.util.concurrent.CopyOnWriteArrayList<>();
        ObjectStore watching = new ForwardingObjectStore(node.store()) {
            @Override
            public BucketInfo createBucket(String name, String owner) {
                keyInForceWhenTheBucketWasMade.add(node.grantLayers().platform().stream().anyMatch(g -> g.accessKey().equals("FBGRANTORDERAAAAAAAA")));
                return super.createBucket(name, owner);
            }
        };
        sync = new GrantSync(new PlatformClient(stub.url()), key, NODE, new GrantSync.Target(node.grantLayers(), watching, node.registry()),
                Clock.systemUTC(), INTERVAL).start();

        await().atMost(Duration.ofSeconds(10)).until(() -> node.store().bucket(bucket).isPresent()
                && node.grantLayers().platform().stream().anyMatch(g -> g.accessKey().equals("FBGRANTORDERAAAAAAAA")));
        assertThat(keyInForceWhenTheBucketWasMade).containsExactly(false);
    }

    @Test
    void aCertificationRunsTestKeyWorksBesideTheAgreementsGrantsUntilTheRegistryNoLongerListsIt() {
        String agreementSecret = "AgreementSecretForTheTest0123456789abcd";
        String agreementBucket = platform.issue("FBAGREEMENTAAAAAAAAA", agreementSecret, OWNER, 10 << 20, Instant.now().plusSeconds(3600),
                key.publicKey());
        String testSecret = "CertificationSecretForTheTest0123456789";
        String testBucket = platform.testGrant("FBCTESTKEYAAAAAAAAAA", testSecret, Instant.now().plusSeconds(600), key.publicKey());
        sync = startSync();

        try (S3Client tester = s3("FBCTESTKEYAAAAAAAAAA", testSecret); S3Client consumer = s3("FBAGREEMENTAAAAAAAAA", agreementSecret)) {
            await().ignoreExceptions().atMost(Duration.ofSeconds(10)).untilAsserted(() -> tester.headBucket(b -> b.bucket(testBucket)));
            tester.putObject(b -> b.bucket(testBucket).key("certification/small"), RequestBody.fromString("checked"));
            assertThat(node.store().bucket(testBucket).orElseThrow().owner()).isEqualTo("flashback-certification");
            assertThatThrownBy(() -> tester.headBucket(b -> b.bucket(agreementBucket))).as("the test key reaches only its run's bucket")
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
            tester.deleteObject(b -> b.bucket(testBucket).key("certification/small"));
            tester.deleteBucket(b -> b.bucket(testBucket));

            platform.endTestGrant("FBCTESTKEYAAAAAAAAAA");

            await().ignoreExceptions().atMost(INTERVAL.multipliedBy(3)).untilAsserted(() -> assertThatThrownBy(() -> tester.listBuckets())
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAccessKeyId")));
            assertThat(node.store().bucket(testBucket)).as("a deleted run bucket is not made again").isEmpty();
            consumer.headBucket(b -> b.bucket(agreementBucket));
        }
        assertThat(stub.requests).filteredOn(r -> r.path().matches(PlatformGrants.TEST_GRANTS_PATH))
                .allSatisfy(r -> assertThat(r.authorization()).startsWith("Bearer node-token-"));
    }

    @Test
    void theMonitorsCanaryKeyWorksOnTheCanaryBucketUntilTheMonitorWithdrawsIt() {
        String secret = "MonitorCanarySecretForTheTest0123456789";
        platform.canaryKey("FBMCANARYAAAAAAAAAAA", secret, key.publicKey());
        sync = startSync();

        try (S3Client monitor = s3("FBMCANARYAAAAAAAAAAA", secret)) {
            await().ignoreExceptions().atMost(Duration.ofSeconds(10)).untilAsserted(() -> monitor.headBucket(b -> b.bucket("flashback-canary")));
            monitor.putObject(b -> b.bucket("flashback-canary").key("canary/node"), RequestBody.fromString("known content"));
            assertThat(node.store().bucket("flashback-canary").orElseThrow().owner()).isEqualTo("flashback-monitor");

            platform.withdrawCanaryKey("FBMCANARYAAAAAAAAAAA");

            await().ignoreExceptions().atMost(INTERVAL.multipliedBy(3)).untilAsserted(() -> assertThatThrownBy(() -> monitor.listBuckets())
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAccessKeyId")));
        }
        assertThat(stub.requests).filteredOn(r -> r.path().matches(PlatformGrants.CANARY_GRANTS_PATH)).isNotEmpty()
                .allSatisfy(r -> assertThat(r.authorization()).startsWith("Bearer node-token-"));
    }

    @Test
    void aNodeThatWasOfflineKeepsItsGrantsAndAppliesNewOnesWhenThePlatformReturns() {
        platform.down(true);
        String firstSecret = "FirstSecretIssuedWhileTheNodeWasOffline0";
        String first = platform.issue("FBFIRSTAAAAAAAAAAAAA", firstSecret, OWNER, 1 << 20, Instant.now().plusSeconds(3600), key.publicKey());
        sync = startSync();
        await().ignoreExceptions().atMost(Duration.ofSeconds(10)).until(() -> stub.requests.size() >= 2);
        assertThat(node.grants().byAccessKey("FBFIRSTAAAAAAAAAAAAA")).isEmpty();
        assertThat(sync.lastSuccess()).isEmpty();

        platform.down(false);
        try (S3Client s3 = s3("FBFIRSTAAAAAAAAAAAAA", firstSecret)) {
            await().ignoreExceptions().atMost(Duration.ofSeconds(10)).untilAsserted(() -> s3.headBucket(b -> b.bucket(first)));
            Instant lastSuccess = sync.lastSuccess().orElseThrow();

            platform.down(true);
            String secondSecret = "SecondSecretIssuedDuringThePlatformOutage";
            String second = platform.issue("FBSECONDAAAAAAAAAAAA", secondSecret, OWNER, 1 << 20, Instant.now().plusSeconds(3600), key.publicKey());
            int before = stub.requests.size();
            await().ignoreExceptions().atMost(Duration.ofSeconds(15)).until(() -> stub.requests.size() >= before + 3);
            s3.headBucket(b -> b.bucket(first));
            assertThat(sync.lastSuccess()).contains(lastSuccess);
            assertThat(warnings("platform not reachable")).as("one log line per outage, not per attempt").hasSize(2);

            platform.down(false);
            try (S3Client late = s3("FBSECONDAAAAAAAAAAAA", secondSecret)) {
                await().ignoreExceptions().atMost(Duration.ofSeconds(10)).untilAsserted(() -> late.headBucket(b -> b.bucket(second)));
            }
            assertThat(sync.lastSuccess().orElseThrow()).isAfter(lastSuccess);
            assertThat(infos("grant sync works again")).hasSize(2);
        }
    }

    @Test
    void aSecretEncryptedToAnotherKeyIsSkippedWithAClearLog() throws Exception {
        String otherKey = NodeKey.of(Keys.createEcKeyPair()).publicKey();
        String wrong = platform.issue("FBWRONGKEYAAAAAAAAAA", "SecretEncryptedToSomeOtherNodesKey012345", OWNER, 1 << 20,
                Instant.now().plusSeconds(3600), otherKey);
        String right = platform.issue("FBRIGHTKEYAAAAAAAAAA", "SecretEncryptedToThisNodesKey01234567890", OWNER, 1 << 20,
                Instant.now().plusSeconds(3600), key.publicKey());
        sync = startSync();

        try (S3Client good = s3("FBRIGHTKEYAAAAAAAAAA", "SecretEncryptedToThisNodesKey01234567890");
             S3Client bad = s3("FBWRONGKEYAAAAAAAAAA", "SecretEncryptedToSomeOtherNodesKey012345")) {
            await().ignoreExceptions().atMost(Duration.ofSeconds(10)).untilAsserted(() -> good.headBucket(b -> b.bucket(right)));
            assertThatThrownBy(() -> bad.headBucket(b -> b.bucket(wrong))).isInstanceOf(S3Exception.class);
        }
        assertThat(node.grants().byAccessKey("FBWRONGKEYAAAAAAAAAA")).isEmpty();
        assertThat(logs.list).filteredOn(event -> event.getLevel() == Level.ERROR).singleElement().extracting(ILoggingEvent::getFormattedMessage)
                .asString().contains("grant FBWRONGKEYAAAAAAAAAA", "skipped", "does not decrypt with this node's key", key.address());
    }

    @Test
    void aRestartedNodeSyncsFromVersionZeroAndKeepsNoSecretOnDisk() throws IOException {
        String secret = "SecretThatMustNeverBeWrittenToTheDisk012";
        String bucket = platform.issue("FBRESTARTAAAAAAAAAAA", secret, OWNER, 1 << 20, Instant.now().plusSeconds(3600), key.publicKey());
        sync = startSync();
        await().ignoreExceptions().atMost(Duration.ofSeconds(10)).until(() -> node.grants().byAccessKey("FBRESTARTAAAAAAAAAAA").isPresent());
        sync.close();
        node.close();

        node = BridgeNode.start(NodeConfig.filesystem(0, 0, dataDir, List.of(LOCAL)));
        assertThat(node.grants().byAccessKey("FBRESTARTAAAAAAAAAAA")).isEmpty();
        int before = grantRequests().size();
        sync = startSync();

        try (S3Client s3 = s3("FBRESTARTAAAAAAAAAAA", secret)) {
            await().ignoreExceptions().atMost(Duration.ofSeconds(10)).untilAsserted(() -> s3.headBucket(b -> b.bucket(bucket)));
        }
        assertThat(grantRequests().get(before).query()).isEqualTo("since=0");
        try (Stream<Path> files = Files.walk(dataDir)) {
            assertThat(files.filter(Files::isRegularFile)).noneMatch(file -> contains(file, secret));
        }
    }

    @Test
    void anUnclaimedNodeWaitsForItsTokenAndAnExpiredGrantIsDropped() {
        platform.claimed(false);
        sync = startSync();
        await().ignoreExceptions().atMost(Duration.ofSeconds(10)).until(() -> stub.requests.size() >= 2);
        assertThat(grantRequests()).isEmpty();
        assertThat(infos("waits until a provider has claimed")).hasSize(1);

        platform.claimed(true);
        String secret = "ShortLivedGrantSecret0123456789abcdefghi";
        // valid past the next attempt (at most four intervals away after two failures), then over
        String bucket = platform.issue("FBSHORTAAAAAAAAAAAAA", secret, OWNER, 1 << 20, Instant.now().plusSeconds(7), key.publicKey());
        try (S3Client s3 = s3("FBSHORTAAAAAAAAAAAAA", secret)) {
            await().ignoreExceptions().atMost(Duration.ofSeconds(10)).untilAsserted(() -> s3.headBucket(b -> b.bucket(bucket)));
            await().ignoreExceptions().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThatThrownBy(() -> s3.headBucket(b -> b.bucket(bucket)))
                    .isInstanceOf(S3Exception.class));
        }
        assertThat(infos("expired at")).hasSize(1);
    }

    private GrantSync startSync() {
        return new GrantSync(new PlatformClient(stub.url()), key, NODE, new GrantSync.Target(node.grantLayers(), node.store(), node.registry()),
                Clock.systemUTC(), INTERVAL).start();
    }

    private List<PlatformStub.Request> grantRequests() {
        return stub.requests.stream().filter(r -> r.path().matches(PlatformGrants.GRANTS_PATH)).toList();
    }

    private List<String> warnings(String text) {
        return messages(Level.WARN, text);
    }

    private List<String> infos(String text) {
        return messages(Level.INFO, text);
    }

    private List<String> messages(Level level, String text) {
        return logs.list.stream().filter(event -> event.getLevel() == level).map(ILoggingEvent::getFormattedMessage)
                .filter(message -> message.contains(text)).toList();
    }

    private static boolean contains(Path file, String text) {
        try {
            return new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1).contains(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private S3Client s3(String accessKey, String secret) {
        return S3Client.builder()
                .endpointOverride(URI.create(node.endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secret)))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none()))
                .build();
    }
}
