package io.flashback.bridge.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;
import tools.jackson.databind.JsonNode;

class NodeOnboardingAgainstAStubPlatformTest {
    private static final UUID NODE = UUID.fromString("3f2b1a0c-9d8e-4c7b-a6f5-e4d3c2b1a090");
    private static final Instant NOW = Instant.parse("2026-11-23T20:00:00Z");
    private static final NodeDetails DETAILS = new NodeDetails("http://127.0.0.1:9000", List.of("s3", "gcs"), "us-east-1", 1L << 40, "0.1.0");
    private static final String ANNOUNCED = "{\"nodeId\":\"" + NODE + "\",\"secret\":\"s3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr3t-abc\",\"state\":\"ANNOUNCED\"}";

    @TempDir
    Path dataDir;
    PlatformStub platform;
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @BeforeEach
    void start() throws Exception {
        platform = new PlatformStub();
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    @Test
    void theAnnouncementIsSignedByTheNodeKeyAndRememberedAcrossRestarts() throws Exception {
        platform.answer(201, ANNOUNCED);
        NodeKey key = NodeKey.loadOrCreate(dataDir);

        Registration registration = new Announcement(new PlatformClient(platform.url()), key, dataDir, clock).announce(DETAILS, false);

        assertThat(registration.nodeId()).isEqualTo(NODE);
        assertThat(registration.secret()).startsWith("s3cr3t");
        JsonNode sent = platform.requests.getFirst().body();
        assertThat(platform.requests.getFirst().path()).isEqualTo("/api/registry/nodes/announce");
        assertThat(sent.path("timestamp").asLong()).isEqualTo(NOW.getEpochSecond());
        assertThat(sent.path("apis").toString()).isEqualTo("[\"gcs\",\"s3\"]");
        String text = NodeMessages.announcement(key.address(), DETAILS, sent.path("nonce").asString(), NOW.getEpochSecond());
        assertThat(signer(text, sent.path("signature").asString())).isEqualTo(key.address());
        Path stored = dataDir.resolve("platform").resolve("registration.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stored))).isEqualTo("rw-------");

        Registration afterRestart = new Announcement(new PlatformClient(platform.url()), NodeKey.loadOrCreate(dataDir), dataDir, clock)
                .announce(DETAILS, false);
        assertThat(afterRestart).isEqualTo(registration);
        assertThat(platform.requests).hasSize(1);

        new Announcement(new PlatformClient(platform.url()), key, dataDir, clock).announce(DETAILS, true);
        assertThat(platform.requests).as("forced").hasSize(2);
    }

    @Test
    void changedDetailsAreAnnouncedAgain() {
        platform.answer(201, ANNOUNCED);
        NodeKey key = NodeKey.loadOrCreate(dataDir);
        new Announcement(new PlatformClient(platform.url()), key, dataDir, clock).announce(DETAILS, false);

        new Announcement(new PlatformClient(platform.url()), key, dataDir, clock)
                .announce(new NodeDetails("https://node.example:9000", DETAILS.apis(), DETAILS.region(), DETAILS.capacityBytes(), "0.1.0"), false);

        assertThat(platform.requests).hasSize(2);
    }

    @Test
    void theAnnouncementIsRetriedWhileThePlatformIsDown() throws Exception {
        platform.answer(503, "{\"title\":\"Service unavailable\"}").answer(503, "{\"title\":\"Service unavailable\"}").answer(201, ANNOUNCED);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            Registration registration = new Announcement(new PlatformClient(platform.url()), NodeKey.loadOrCreate(dataDir), dataDir, clock)
                    .announceWithRetries(DETAILS, false, scheduler, Duration.ofMillis(10), Duration.ofMillis(40)).get(10, TimeUnit.SECONDS);

            assertThat(registration.nodeId()).isEqualTo(NODE);
            assertThat(platform.requests).hasSize(3);
            assertThat(platform.requests).extracting(r -> r.body().path("nonce").asString()).doesNotHaveDuplicates();
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void aRejectedAnnouncementIsNotRetried() {
        platform.answer(400, "{\"title\":\"Bad Request\",\"detail\":\"endpoint: must be an http(s) URL\"}");
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            assertThatThrownBy(() -> new Announcement(new PlatformClient(platform.url()), NodeKey.loadOrCreate(dataDir), dataDir, clock)
                    .announceWithRetries(DETAILS, false, scheduler, Duration.ofMillis(10), Duration.ofMillis(40)).get(10, TimeUnit.SECONDS))
                    .hasMessageContaining("must be an http(s) URL");
            assertThat(platform.requests).hasSize(1);
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void heartbeatsAreSignedWithStrictlyIncreasingTimestampsAndFailuresDoNotThrow() {
        NodeKey key = NodeKey.loadOrCreate(dataDir);
        Heartbeats heartbeats = new Heartbeats(new PlatformClient(platform.url()), key, NODE, clock);
        platform.answer(200, "{\"online\":true}");

        assertThat(heartbeats.beat()).isTrue();
        assertThat(heartbeats.beat()).isTrue();
        platform.answer(409, "{\"title\":\"Replayed heartbeat\"}");
        platform.close();
        assertThat(heartbeats.beat()).as("platform gone").isFalse();

        List<Long> timestamps = platform.requests.stream().map(r -> r.body().path("timestamp").asLong()).toList();
        assertThat(timestamps).containsExactly(NOW.getEpochSecond(), NOW.getEpochSecond() + 1);
        JsonNode first = platform.requests.getFirst().body();
        assertThat(platform.requests.getFirst().path()).isEqualTo("/api/registry/nodes/" + NODE + "/heartbeats");
        assertThat(signer(NodeMessages.heartbeat(NODE, key.address(), NOW.getEpochSecond()), first.path("signature").asString()))
                .isEqualTo(key.address());
    }

    @Test
    void theClaimCommandSignsTheTermsAndRemembersTheProvider() {
        NodeKey key = announced();
        String provider = "0x15d34aaf54267db7d7c367839aaf71a00a2c6a65";
        long deadline = NOW.getEpochSecond() + 86_400;
        platform.answer(200, ClaimTermsTest.terms(NODE, key.address(), provider, deadline).toString())
                .answer(200, "{\"nodeId\":\"" + NODE + "\",\"providerWallet\":\"" + provider + "\",\"deadline\":" + deadline + "}");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = ClaimCommand.run(List.of("abcd-efgh-2345", "--data-dir", dataDir.toString(), "--platform-url", platform.url().toString()),
                new PrintStream(out), System.err);

        assertThat(status).isZero();
        assertThat(out.toString()).contains("claimed by " + provider);
        JsonNode claim = platform.requests.get(1).body();
        assertThat(claim.path("code").asString()).isEqualTo("ABCD-EFGH-2345");
        assertThat(claim.path("deadline").asLong()).isEqualTo(deadline);
        assertThat(ClaimTermsTest.recover(NODE, provider, deadline, claim.path("signature").asString())).isEqualTo(key.address());
        assertThat(Registration.read(dataDir).orElseThrow().provider()).isEqualTo(provider);
    }

    @Test
    void aWrongCodeEndsTheClaimCommandWithTheReason() {
        announced();
        platform.answer(403, "{\"title\":\"Unknown claim code\",\"detail\":\"this code was not issued for node " + NODE + "\"}");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = ClaimCommand.run(List.of("ABCD-EFGH-2345", "--data-dir", dataDir.toString()), System.out, new PrintStream(err));

        assertThat(status).isEqualTo(1);
        assertThat(err.toString()).contains("claim code is wrong");
        assertThat(Registration.read(dataDir).orElseThrow().claimed()).isFalse();
    }

    @Test
    void badClaimArgumentsExitWithStatus2InOneLine() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        assertThat(ClaimCommand.run(List.of("not-a-code", "--data-dir", dataDir.toString()), System.out, new PrintStream(err))).isEqualTo(2);
        assertThat(ClaimCommand.run(List.of(), System.out, new PrintStream(err))).isEqualTo(2);
        assertThat(ClaimCommand.run(List.of("ABCD-EFGH-2345", "--platform-url", "ftp://x"), System.out, new PrintStream(err))).isEqualTo(2);
        assertThat(err.toString().lines()).hasSize(3).allSatisfy(line -> assertThat(line).startsWith("bridge-node: "));
        assertThat(platform.requests).isEmpty();
    }

    @Test
    void aNodeThatNeverAnnouncedCannotBeClaimed() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        assertThat(ClaimCommand.run(List.of("ABCD-EFGH-2345", "--data-dir", dataDir.toString()), System.out, new PrintStream(err))).isEqualTo(1);
        assertThat(err.toString()).contains("has not announced itself yet");
    }

    private NodeKey announced() {
        platform.answer(201, ANNOUNCED);
        NodeKey key = NodeKey.loadOrCreate(dataDir);
        new Announcement(new PlatformClient(platform.url()), key, dataDir, clock).announce(DETAILS, false);
        platform.reset();
        return key;
    }

    static String signer(String text, String signature) {
        byte[] bytes = Numeric.hexStringToByteArray(signature);
        try {
            BigInteger key = Sign.signedPrefixedMessageToKey(text.getBytes(StandardCharsets.UTF_8),
                    new Sign.SignatureData(bytes[64], Arrays.copyOfRange(bytes, 0, 32), Arrays.copyOfRange(bytes, 32, 64)));
            return "0x" + Keys.getAddress(key);
        } catch (java.security.SignatureException e) {
            throw new AssertionError(e);
        }
    }
}
