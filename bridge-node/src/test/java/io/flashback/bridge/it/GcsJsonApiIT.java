package io.flashback.bridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.ReadChannel;
import com.google.cloud.ServiceOptions;
import com.google.cloud.WriteChannel;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.BucketInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import com.google.cloud.storage.StorageOptions;
import io.flashback.bridge.gcs.GcsTokens;
import io.flashback.bridge.node.BridgeNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.StreamSupport;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The official google-cloud-storage Java client against the node's GCS JSON API. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GcsJsonApiIT {
    private BridgeNode node;
    private Storage storage;

    @BeforeAll
    void start() {
        node = NodeFixtures.filesystemNode();
        storage = client(GcsTokens.credentials(NodeFixtures.ACCESS_KEY, NodeFixtures.SECRET, java.time.Clock.systemUTC(), GcsTokens.DEFAULT_TTL));
        storage.create(BucketInfo.of("it-gcs"));
    }

    private Storage client(GoogleCredentials credentials) {
        return StorageOptions.http().setHost(node.endpoint()).setProjectId("p")
                .setCredentials(credentials)
                .setRetrySettings(ServiceOptions.getNoRetrySettings())
                .build().getService();
    }

    @AfterAll
    void stop() throws Exception {
        storage.close();
        node.close();
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void createsGetsListsAndDeletesBuckets() {
        storage.create(BucketInfo.of("it-gcs-bucket"));
        assertThat(storage.get("it-gcs-bucket").getName()).isEqualTo("it-gcs-bucket");
        assertThat(StreamSupport.stream(storage.list().iterateAll().spliterator(), false).map(b -> b.getName()))
                .contains("it-gcs", "it-gcs-bucket");
        assertThatThrownBy(() -> storage.create(BucketInfo.of("it-gcs-bucket")))
                .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.getCode()).isEqualTo(409));
        assertThat(storage.delete("it-gcs-bucket")).isTrue();
        assertThat(storage.get("it-gcs-bucket")).isNull();
    }

    @Test
    void storesSmallObjectsWithMetadataAndHashes() throws Exception {
        byte[] data = "hello gcs".getBytes(StandardCharsets.UTF_8);
        Blob blob = storage.create(BlobInfo.newBuilder("it-gcs", "dir/hello.txt").setContentType("text/plain")
                .setMetadata(Map.of("color", "green")).build(), data);
        CRC32C crc = new CRC32C();
        crc.update(data);
        long v = crc.getValue();
        String expectedCrc = Base64.getEncoder().encodeToString(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
        assertThat(blob.getCrc32c()).isEqualTo(expectedCrc);
        assertThat(blob.getMd5()).isEqualTo(Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(data)));
        Blob fetched = storage.get(BlobId.of("it-gcs", "dir/hello.txt"));
        assertThat(fetched.getContentType()).isEqualTo("text/plain");
        assertThat(fetched.getMetadata()).containsEntry("color", "green");
        assertThat(fetched.getSize()).isEqualTo(data.length);
        assertThat(storage.readAllBytes(BlobId.of("it-gcs", "dir/hello.txt"))).isEqualTo(data);
    }

    @Test
    void uploadsLargeObjectsResumablyAndReadsRanges() throws Exception {
        byte[] data = random(3 * 1024 * 1024 + 11, 1);
        try (WriteChannel w = storage.writer(BlobInfo.newBuilder("it-gcs", "large.bin").build())) {
            w.setChunkSize(1024 * 1024);
            w.write(ByteBuffer.wrap(data));
        }
        assertThat(storage.readAllBytes(BlobId.of("it-gcs", "large.bin"))).isEqualTo(data);
        try (ReadChannel r = storage.reader(BlobId.of("it-gcs", "large.bin"))) {
            r.seek(1_000_000);
            r.limit(1_000_100);
            ByteBuffer buf = ByteBuffer.allocate(100);
            while (buf.hasRemaining() && r.read(buf) >= 0) {
                // read the range
            }
            assertThat(buf.array()).isEqualTo(Arrays.copyOfRange(data, 1_000_000, 1_000_100));
        }
        Path file = NodeFixtures.tempDir("gcs").resolve("up.bin");
        Files.write(file, random(20 * 1024 * 1024 + 5, 2));
        storage.createFrom(BlobInfo.newBuilder("it-gcs", "from-file.bin").build(), file);
        assertThat(storage.readAllBytes(BlobId.of("it-gcs", "from-file.bin"))).isEqualTo(Files.readAllBytes(file));
    }

    @Test
    void listsWithPrefixDelimiterAndPages() {
        for (String n : List.of("l/a", "l/b", "l/c/d", "l/e", "m")) storage.create(BlobInfo.newBuilder("it-gcs", n).build(), n.getBytes());
        List<String> all = StreamSupport.stream(storage.list("it-gcs", Storage.BlobListOption.prefix("l/"),
                Storage.BlobListOption.pageSize(2)).iterateAll().spliterator(), false).map(BlobInfo::getName).toList();
        assertThat(all).containsExactly("l/a", "l/b", "l/c/d", "l/e");
        List<String> dir = StreamSupport.stream(storage.list("it-gcs", Storage.BlobListOption.prefix("l/"),
                Storage.BlobListOption.currentDirectory()).iterateAll().spliterator(), false).map(BlobInfo::getName).toList();
        assertThat(dir).containsExactlyInAnyOrder("l/a", "l/b", "l/c/", "l/e"); // the client lists prefixes after items
    }

    @Test
    void copiesComposesAndDeletes() {
        storage.create(BlobInfo.newBuilder("it-gcs", "c1").build(), "first-".getBytes());
        storage.create(BlobInfo.newBuilder("it-gcs", "c2").build(), "second".getBytes());
        Blob copy = storage.copy(Storage.CopyRequest.of("it-gcs", "c1", BlobId.of("it-gcs", "c1-copy"))).getResult();
        assertThat(copy.getSize()).isEqualTo(6);
        Blob composed = storage.compose(Storage.ComposeRequest.newBuilder().addSource("c1", "c2")
                .setTarget(BlobInfo.newBuilder("it-gcs", "composed").setContentType("text/plain").build()).build());
        assertThat(composed.getSize()).isEqualTo(12);
        assertThat(new String(storage.readAllBytes(BlobId.of("it-gcs", "composed")))).isEqualTo("first-second");
        assertThat(storage.delete(BlobId.of("it-gcs", "c1-copy"))).isTrue();
        assertThat(storage.get(BlobId.of("it-gcs", "c1-copy"))).isNull();
    }

    @Test
    void honoursGenerationPreconditions() {
        Blob b = storage.create(BlobInfo.newBuilder("it-gcs", "gen").build(), "v1".getBytes());
        assertThatThrownBy(() -> storage.create(BlobInfo.newBuilder("it-gcs", "gen").build(), "v2".getBytes(),
                Storage.BlobTargetOption.doesNotExist()))
                .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.getCode()).isEqualTo(412));
        storage.create(BlobInfo.newBuilder(BlobId.of("it-gcs", "gen", b.getGeneration())).build(), "v2".getBytes(),
                Storage.BlobTargetOption.generationMatch());
        assertThat(new String(storage.readAllBytes(BlobId.of("it-gcs", "gen")))).isEqualTo("v2");
    }

    @Test
    void refusesAWrongBearerTokenWithAJsonError() throws Exception {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(node.endpoint() + "/storage/v1/b/it-gcs/o"))
                        .header("Authorization", "Bearer " + GcsTokens.token(NodeFixtures.ACCESS_KEY, "wrong-secret", Instant.now().plusSeconds(600))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("\"code\":401").contains("\"reason\":\"authError\"");
        java.net.http.HttpResponse<String> anonymous = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(node.endpoint() + "/storage/v1/b/it-gcs/o")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }
}
