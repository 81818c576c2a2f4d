package io.flashback.bridge.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.flashback.bridge.grants.Access;
import io.flashback.bridge.grants.Grant;
import io.flashback.bridge.metering.UsageMinute;
import io.flashback.bridge.node.BridgeNode;
import io.flashback.bridge.node.NodeConfig;
import io.flashback.bridge.platform.PlatformOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The test-only fault switch: off unless asked for, and then failing, hiding and corrupting exactly as documented. */
class InjectingFaultsForTestsTest {

    private static final String KEY = "AKIDFAULTS";
    private static final String SECRET = "faults/test/secret/key/0123456789abcdef";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private BridgeNode node;

    @AfterEach
    void stop() {
        if (node != null) node.close();
    }

    @Test
    void isOffUnlessAFaultOptionIsGiven() {
        FaultInjection.Split split = FaultInjection.split(List.of("--port", "9000", "--grant", "A:B:1:b"));

        assertThat(split.faults()).isEqualTo(FaultInjection.OFF);
        assertThat(split.faults().active()).isFalse();
        assertThat(split.rest()).containsExactly("--port", "9000", "--grant", "A:B:1:b");
        assertThat(NodeConfig.filesystem(0, 0, dir, List.of()).faults()).isEqualTo(FaultInjection.OFF);
    }

    @Test
    void takesItsOptionsOutOfTheServeArguments() {
        FaultInjection.Split split = FaultInjection.split(List.of("--port", "9000", "--fault-error-rate", "0.3",
                "--fault-hide-from-reports", "--fault-corrupt-reads", "--data-dir", "d"));

        assertThat(split.faults()).isEqualTo(new FaultInjection(0.3, true, true));
        assertThat(split.rest()).containsExactly("--port", "9000", "--data-dir", "d");
        assertThat(split.faults().describe()).startsWith("FAULT INJECTION ON (for tests only")
                .contains("30.0 % of requests answered with 503 ServiceUnavailable, metered as successes")
                .contains("corrupted bytes");
    }

    @Test
    void refusesWhatItCannotDo() {
        assertThatThrownBy(() -> FaultInjection.split(List.of("--fault-error-rate", "1.5")))
                .isInstanceOf(PlatformOptions.InvalidOption.class).hasMessageContaining("must be a number from 0 to 1");
        assertThatThrownBy(() -> FaultInjection.split(List.of("--fault-error-rate")))
                .isInstanceOf(PlatformOptions.InvalidOption.class).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> FaultInjection.split(List.of("--fault-everything")))
                .isInstanceOf(PlatformOptions.InvalidOption.class).hasMessageContaining("unknown option --fault-everything");
        assertThatThrownBy(() -> FaultInjection.split(List.of("--fault-hide-from-reports")))
                .isInstanceOf(PlatformOptions.InvalidOption.class).hasMessageContaining("give both");
    }

    @Test
    void failingNodeAnswers503ToEveryoneAndReportsTheServerErrorsUnderTheGrant() throws Exception {
        node = start(new FaultInjection(1.0, false, false));

        try (S3Client s3 = client()) {
            assertThatThrownBy(() -> s3.listObjectsV2(request -> request.bucket("faults")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(503);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ServiceUnavailable");
                    });
        }
        // what an anonymous probe of the platform sees
        HttpResponse<String> probed = HTTP.send(HttpRequest.newBuilder(URI.create(node.endpoint() + "/")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(probed.statusCode()).isEqualTo(503);
        assertThat(probed.body()).contains("<Code>ServiceUnavailable</Code>");

        // metered once the answer is written: the client may see it first
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(usageOf(KEY)).isEqualTo(new Usage(1, 1, 0)));
    }

    @Test
    void lyingNodeFailsTheSameRequestsButMetersThemAsSuccesses() {
        node = start(new FaultInjection(1.0, true, false));

        try (S3Client s3 = client()) {
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> s3.listObjectsV2(request -> request.bucket("faults")))
                        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(503));
            }
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(usageOf(KEY)).isEqualTo(new Usage(3, 0, 0)));
    }

    @Test
    void failsAboutTheShareAskedForAndServesTheRest() {
        node = start(new FaultInjection(0.5, false, false));
        int failed = 0;
        int served = 0;
        try (S3Client s3 = client()) {
            for (int i = 0; i < 400; i++) {
                try {
                    s3.headBucket(request -> request.bucket("faults"));
                    served++;
                } catch (S3Exception e) {
                    assertThat(e.statusCode()).isIn(404, 503);
                    if (e.statusCode() == 503) failed++;
                    else served++;
                }
            }
        }
        // binomial(400, 0.5): 200 ± 10; ±60 is six standard deviations
        assertThat(failed).isBetween(140, 260);
        assertThat(served).isEqualTo(400 - failed);
        long expected = failed;
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(usageOf(KEY).serverErrors()).isEqualTo(expected));
    }

    @Test
    void corruptingNodeServesOtherBytesOfTheRightLengthAndKeepsTheMetadata() {
        node = start(new FaultInjection(0, false, true));
        byte[] stored = "possession is nine tenths of the law".repeat(100).getBytes(StandardCharsets.UTF_8);
        try (S3Client s3 = client()) {
            s3.createBucket(request -> request.bucket("faults"));
            s3.putObject(request -> request.bucket("faults").key("canary"), RequestBody.fromBytes(stored));

            byte[] read = s3.getObjectAsBytes(request -> request.bucket("faults").key("canary")).asByteArray();
            byte[] range = s3.getObjectAsBytes(request -> request.bucket("faults").key("canary").range("bytes=100-163")).asByteArray();

            assertThat(read).hasSameSizeAs(stored).isNotEqualTo(stored);
            for (int i = 0; i < stored.length; i++) assertThat(read[i]).isEqualTo((byte) ~stored[i]);
            assertThat(range).hasSize(64);
            assertThat(range[0]).isEqualTo((byte) ~stored[100]);
            assertThat(s3.headObject(request -> request.bucket("faults").key("canary")).contentLength()).isEqualTo(stored.length);
        }
    }

    @Test
    void readsTheAccessKeyARequestNamesWithoutTrustingIt() {
        assertThat(FaultInjectingDispatcher.claimedAccessKey(
                "AWS4-HMAC-SHA256 Credential=AKID1/20261123/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00", "/b"))
                .isEqualTo("AKID1");
        assertThat(FaultInjectingDispatcher.claimedAccessKey(null,
                "/b/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID2%2F20261123%2Fus-east-1%2Fs3%2Faws4_request"))
                .isEqualTo("AKID2");
        assertThat(FaultInjectingDispatcher.claimedAccessKey("Bearer AKID3.c2lnbmF0dXJl", "/storage/v1/b")).isEqualTo("AKID3");
        assertThat(FaultInjectingDispatcher.claimedAccessKey(null, "/")).isEqualTo("anonymous");
    }

    private BridgeNode start(FaultInjection faults) {
        Grant grant = new Grant(KEY, SECRET, "tester", List.of("faults"), 1L << 30, Access.READ_WRITE);
        return BridgeNode.start(NodeConfig.filesystem(0, 0, dir, List.of(grant)).withFaults(faults));
    }

    private record Usage(long requests, long serverErrors, long clientErrors) {}

    /** What the node metered for the access key (and would ship to the oracle for its agreement). */
    private Usage usageOf(String accessKey) {
        List<UsageMinute> minutes = node.usage().snapshot().stream().filter(minute -> minute.accessKey().equals(accessKey)).toList();
        assertThat(minutes).as("usage of " + accessKey).isNotEmpty();
        return new Usage(minutes.stream().mapToLong(UsageMinute::requests).sum(), minutes.stream().mapToLong(UsageMinute::serverErrors).sum(),
                minutes.stream().mapToLong(UsageMinute::clientErrors).sum());
    }

    private S3Client client() {
        return S3Client.builder().endpointOverride(URI.create(node.endpoint())).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, SECRET)))
                // the test compares bytes itself: no SDK checksum check in the way of a corrupted read
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none()))
                .build();
    }
}
