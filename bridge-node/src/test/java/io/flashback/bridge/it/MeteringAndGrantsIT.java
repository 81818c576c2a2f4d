package io.flashback.bridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.flashback.bridge.metering.UsageMinute;
import io.flashback.bridge.node.BridgeNode;
import io.flashback.bridge.node.NodeConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Metering (Micrometer on the management port, per-grant minute aggregates) and grants swapped at runtime. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MeteringAndGrantsIT {
    private Path grantsFile;
    private BridgeNode node;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        Path dir = NodeFixtures.tempDir("metering");
        grantsFile = dir.resolve("grants.json");
        Files.writeString(grantsFile, """
                {"grants":[{"accessKey":"AKIDFROMFILE","secret":"%s","owner":"filed","buckets":["it-file-*"],"quotaBytes":1000000,"access":"READ_WRITE"}]}
                """.formatted(NodeFixtures.SECRET));
        NodeConfig base = NodeConfig.filesystem(0, 0, dir.resolve("data"), NodeFixtures.grants());
        node = BridgeNode.start(new NodeConfig(base.bindAddress(), 0, 0, base.dataDir(), "filesystem", null, null, null, null, null,
                null, null, base.grants(), grantsFile, null, 0, 0));
    }

    @AfterAll
    void stop() {
        node.close();
    }

    private String get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.managementPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    @Test
    void metersEveryRequestPerOperationStatusAndAccessKey() throws Exception {
        try (S3Client s3 = NodeFixtures.client(node.endpoint())) {
            s3.createBucket(b -> b.bucket("it-metered"));
            s3.putObject(b -> b.bucket("it-metered").key("k"), RequestBody.fromBytes(new byte[1000]));
            s3.getObjectAsBytes(b -> b.bucket("it-metered").key("k"));
            assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket("it-metered").key("missing"))).isInstanceOf(S3Exception.class);
        }
        String metrics = get("/metrics");
        assertThat(metrics).contains("flashback_bridge_requests_seconds_count{access_key=\"" + NodeFixtures.ACCESS_KEY
                + "\",operation=\"PutObject\",protocol=\"s3\",status_class=\"2xx\"}");
        assertThat(metrics).contains("operation=\"GetObject\",protocol=\"s3\",status_class=\"4xx\"");
        assertThat(metrics).contains("flashback_bridge_bytes_in_bytes_sum").contains("flashback_bridge_store_seconds_count");
        assertThat(get("/actuator/prometheus")).contains("flashback_bridge_requests_seconds_count");
        assertThat(get("/health")).contains("\"status\":\"UP\"");

        List<UsageMinute> usage = node.usage().snapshot().stream().filter(u -> u.accessKey().equals(NodeFixtures.ACCESS_KEY)).toList();
        assertThat(usage.stream().mapToLong(UsageMinute::requests).sum()).isGreaterThanOrEqualTo(4);
        assertThat(usage.stream().mapToLong(UsageMinute::bytesIn).sum()).isGreaterThanOrEqualTo(1000);
        assertThat(usage.stream().mapToLong(UsageMinute::bytesOut).sum()).isGreaterThanOrEqualTo(1000);
        assertThat(usage.stream().mapToLong(UsageMinute::clientErrors).sum()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void grantsFromTheFileAreReplacedWithoutARestart() throws Exception {
        try (S3Client fromFile = NodeFixtures.client(node.endpoint(), "AKIDFROMFILE")) {
            fromFile.createBucket(b -> b.bucket("it-file-one"));
            Files.writeString(grantsFile.resolveSibling("grants.json.new"), """
                    {"grants":[{"accessKey":"AKIDROTATED","secret":"%s","owner":"filed","buckets":["it-file-*"],"quotaBytes":1000000,"access":"READ"}]}
                    """.formatted(NodeFixtures.SECRET));
            Files.move(grantsFile.resolveSibling("grants.json.new"), grantsFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            Files.setLastModifiedTime(grantsFile, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThatThrownBy(() -> fromFile.listBuckets())
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAccessKeyId")));
        }
        try (S3Client rotated = NodeFixtures.client(node.endpoint(), "AKIDROTATED")) {
            assertThat(rotated.listBuckets().buckets()).extracting(b -> b.name()).contains("it-file-one");
            assertThatThrownBy(() -> rotated.createBucket(b -> b.bucket("it-file-two")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        }
        try (S3Client commandLine = NodeFixtures.client(node.endpoint())) {
            assertThat(commandLine.listBuckets().buckets()).isNotNull(); // configured grants stay in force
        }
    }
}
