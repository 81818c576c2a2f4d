package io.flashback.bridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.ServiceOptions;
import com.google.cloud.WriteChannel;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import com.google.cloud.storage.StorageOptions;
import io.flashback.bridge.gcs.GcsTokens;
import io.flashback.bridge.grants.Access;
import io.flashback.bridge.grants.Grant;
import io.flashback.bridge.node.BridgeNode;
import io.flashback.bridge.node.NodeConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The quota counts the bytes really stored — decoded bodies, staged multipart parts, GCS resumable
 * staging — whatever a request declares (issue #13, H2): each attack is refused at the quota with
 * the protocol's error, nothing of it stays, and the counts add up afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuotaCountsWhatIsStoredIT {
    private static final long QUOTA = 1L << 20;
    /** One grant of 1 MiB per test, so what one test leaves cannot fill another's quota. */
    private static final int GRANTS = 7;
    private static final AtomicInteger NEXT = new AtomicInteger();

    private Path dataDir;
    private BridgeNode node;
    private S3Client s3;
    private Storage gcs;

    @BeforeAll
    void start() {
        dataDir = NodeFixtures.tempDir("bridge-quota");
        List<Grant> grants = new java.util.ArrayList<>();
        for (int i = 1; i <= GRANTS; i++) {
            grants.add(new Grant(key(i), NodeFixtures.SECRET, "quota-owner-" + i, List.of("q" + i + "-*"), QUOTA, Access.READ_WRITE));
        }
        node = BridgeNode.start(NodeConfig.filesystem(0, 0, dataDir, grants).withBodyTimeout(Duration.ofSeconds(10)));
    }

    private static String key(int i) {
        return "AKIDQUOTAONEMIB" + i;
    }

    @org.junit.jupiter.api.BeforeEach
    void clients() {
        int i = NEXT.incrementAndGet();
        s3 = NodeFixtures.client(node.endpoint(), key(i));
        gcs = StorageOptions.http().setHost(node.endpoint()).setProjectId("p")
                .setCredentials(GcsTokens.credentials(key(i), NodeFixtures.SECRET, Clock.systemUTC(), GcsTokens.DEFAULT_TTL))
                .setRetrySettings(ServiceOptions.getNoRetrySettings())
                .build().getService();
        s3.createBucket(b -> b.bucket("q" + i + "-bucket"));
    }

    @org.junit.jupiter.api.AfterEach
    void closeClients() throws Exception {
        gcs.close();
        s3.close();
    }

    @AfterAll
    void stop() {
        node.close();
    }

    /** The test's own bucket: its grant covers nothing else. */
    private String newBucket() {
        return "q" + NEXT.get() + "-bucket";
    }

    /** What the store counts for the bucket equals what it lists, nothing is staged, and the rest of the quota is usable. */
    private void assertConsistent(String bucket) {
        long listed = s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream().mapToLong(S3Object::size).sum();
        assertThat(node.store().usedBytes(bucket)).isEqualTo(listed);
        assertThat(node.store().stagedBytes(bucket)).isZero();
        long room = QUOTA - listed;
        s3.putObject(b -> b.bucket(bucket).key("fills-the-rest"), RequestBody.fromBytes(new byte[(int) room]));
        s3.deleteObject(b -> b.bucket(bucket).key("fills-the-rest"));
    }

    private static void assertQuotaExceeded(Throwable e) {
        assertThat(e).isInstanceOfSatisfying(S3Exception.class,
                s -> assertThat(s.awsErrorDetails().errorCode()).isEqualTo("QuotaExceeded"));
    }

    private static void assertGcsQuotaExceeded(Throwable e) {
        assertThat(e).isInstanceOfSatisfying(StorageException.class, s -> {
            assertThat(s.getCode()).isEqualTo(403);
            // a failed resumable chunk is reported by the client without the JSON error's reason
            if (!s.getReason().isEmpty()) {
                assertThat(s.getReason()).isEqualTo("quotaExceeded");
            }
        });
    }

    @Test // #13 H2
    void aGzipGcsUploadIsCountedByItsDecodedBytes() {
        String bucket = newBucket();
        // the official client gzips the request: 4 MiB of zeros travel as a few KiB
        byte[] zeros = new byte[4 << 20];
        assertThatThrownBy(() -> gcs.create(BlobInfo.newBuilder(bucket, "bomb").build(), zeros))
                .satisfies(QuotaCountsWhatIsStoredIT::assertGcsQuotaExceeded);
        assertThat(gcs.get(BlobId.of(bucket, "bomb"))).isNull();
        assertConsistent(bucket);
    }

    @Test // #13 H2
    void aGcsMultipartUploadWithoutContentLengthIsCountedAsItStreams() throws Exception {
        String bucket = newBucket();
        String token = GcsTokens.token(key(NEXT.get()), NodeFixtures.SECRET, java.time.Instant.now().plus(Duration.ofMinutes(10)));
        byte[] head = ("--b\r\nContent-Type: application/json\r\n\r\n{\"name\":\"streamed\"}\r\n"
                + "--b\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] tail = "\r\n--b--\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] data = new byte[3 << 19]; // 1.5 MiB against 1 MiB
        // a body of unknown length: sent with Transfer-Encoding: chunked, no Content-Length to reserve by
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(node.endpoint() + "/upload/storage/v1/b/" + bucket + "/o?uploadType=multipart"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/related; boundary=b")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.SequenceInputStream(
                        java.util.Collections.enumeration(List.of(new java.io.ByteArrayInputStream(head),
                                new java.io.ByteArrayInputStream(data), new java.io.ByteArrayInputStream(tail))))))
                .build();
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1)
                .build().send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("\"reason\":\"quotaExceeded\"");
        assertThat(gcs.get(BlobId.of(bucket, "streamed"))).isNull();
        assertConsistent(bucket);
    }

    @Test // #13 H2
    void stagedMultipartPartsCountAgainstTheQuotaUntilAborted() {
        String bucket = newBucket();
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key("never-completed")).uploadId();
        // the SDK sends aws-chunked bodies (x-amz-decoded-content-length, no plain Content-Length of the data)
        byte[] part = new byte[300_000];
        for (int n = 1; n <= 3; n++) {
            int partNumber = n;
            s3.uploadPart(b -> b.bucket(bucket).key("never-completed").uploadId(uploadId).partNumber(partNumber),
                    RequestBody.fromBytes(part));
        }
        assertThat(node.store().stagedBytes(bucket)).isEqualTo(900_000);
        assertThatThrownBy(() -> s3.uploadPart(b -> b.bucket(bucket).key("never-completed").uploadId(uploadId).partNumber(4),
                RequestBody.fromBytes(part))).satisfies(QuotaCountsWhatIsStoredIT::assertQuotaExceeded);
        String other = s3.createMultipartUpload(b -> b.bucket(bucket).key("another")).uploadId();
        assertThatThrownBy(() -> s3.uploadPart(b -> b.bucket(bucket).key("another").uploadId(other).partNumber(1),
                RequestBody.fromBytes(part))).satisfies(QuotaCountsWhatIsStoredIT::assertQuotaExceeded);
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket(bucket).key("plain"), RequestBody.fromBytes(part)))
                .satisfies(QuotaCountsWhatIsStoredIT::assertQuotaExceeded);
        s3.abortMultipartUpload(b -> b.bucket(bucket).key("never-completed").uploadId(uploadId));
        s3.abortMultipartUpload(b -> b.bucket(bucket).key("another").uploadId(other));
        assertConsistent(bucket);
    }

    @Test // #13 H2
    void aStagedPartThatIsReplacedCountsOnceAndACompletedUploadMovesItsPartsToTheObject() {
        String bucket = newBucket();
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key("done")).uploadId();
        byte[] part = new byte[400_000];
        for (int i = 0; i < 3; i++) {
            s3.uploadPart(b -> b.bucket(bucket).key("done").uploadId(uploadId).partNumber(1), RequestBody.fromBytes(part));
        }
        assertThat(node.store().stagedBytes(bucket)).isEqualTo(400_000);
        String etag = s3.listParts(b -> b.bucket(bucket).key("done").uploadId(uploadId)).parts().get(0).eTag();
        s3.completeMultipartUpload(b -> b.bucket(bucket).key("done").uploadId(uploadId)
                .multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(etag))));
        assertThat(node.store().usedBytes(bucket)).isEqualTo(400_000);
        assertConsistent(bucket);
        s3.deleteObject(b -> b.bucket(bucket).key("done"));
    }

    @Test // #13 H2
    void gcsResumableStagingCountsAgainstTheQuotaAndIsDroppedWhenRefused() throws Exception {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("already-there"), RequestBody.fromBytes(new byte[600 * 1024]));
        WriteChannel writer = gcs.writer(BlobInfo.newBuilder(bucket, "resumed").build());
        writer.setChunkSize(256 * 1024);
        ByteBuffer quarter = ByteBuffer.wrap(new byte[256 * 1024]);
        // the client sends each full chunk as it can; the node refuses the chunk that crosses the quota
        // while staging, long before the upload would be finished (and stored) by close()
        assertThatThrownBy(() -> {
            for (int i = 0; i < 4; i++) {
                writer.write(quarter.duplicate());
            }
        }).satisfies(e -> assertGcsQuotaExceeded(e instanceof IOException && e.getCause() != null ? e.getCause() : e));
        try {
            writer.close();
        } catch (IOException | StorageException expected) {
            // the session was cancelled with the refusal
        }
        assertThat(gcs.get(BlobId.of(bucket, "resumed"))).isNull();
        try (Stream<Path> staged = Files.list(dataDir.resolve("gcs-resumable"))) {
            assertThat(staged).isEmpty();
        }
        s3.deleteObject(b -> b.bucket(bucket).key("already-there"));
        assertConsistent(bucket);
    }

    @Test // #13 H2
    void aCancelledGcsResumableSessionGivesItsStagedBytesBack() throws Exception {
        String bucket = newBucket();
        String token = GcsTokens.token(key(NEXT.get()), NodeFixtures.SECRET, java.time.Instant.now().plus(Duration.ofMinutes(10)));
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        java.net.http.HttpResponse<String> started = http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(node.endpoint() + "/upload/storage/v1/b/" + bucket + "/o?uploadType=resumable"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\":\"cancelled\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).isEqualTo(200);
        java.net.URI session = java.net.URI.create(started.headers().firstValue("location").orElseThrow());
        java.net.http.HttpResponse<String> chunk = http.send(java.net.http.HttpRequest.newBuilder(session)
                .header("Authorization", "Bearer " + token).header("Content-Range", "bytes 0-524287/*")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(new byte[512 * 1024])).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(chunk.statusCode()).isEqualTo(308);
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket(bucket).key("beside"), RequestBody.fromBytes(new byte[600 * 1024])))
                .satisfies(QuotaCountsWhatIsStoredIT::assertQuotaExceeded);
        java.net.http.HttpResponse<String> cancelled = http.send(java.net.http.HttpRequest.newBuilder(session)
                .header("Authorization", "Bearer " + token).DELETE().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(cancelled.statusCode()).isEqualTo(499);
        try (Stream<Path> staged = Files.list(dataDir.resolve("gcs-resumable"))) {
            assertThat(staged).isEmpty();
        }
        assertConsistent(bucket);
    }

    @Test // #13 H2
    void anOpenGcsResumableSessionHoldsItsStagedBytesAgainstOtherUploads() throws Exception {
        String bucket = newBucket();
        WriteChannel writer = gcs.writer(BlobInfo.newBuilder(bucket, "open-session").build());
        writer.setChunkSize(256 * 1024);
        for (int i = 0; i < 3; i++) {
            writer.write(ByteBuffer.wrap(new byte[256 * 1024]));
        }
        // at least two chunks (512 KiB) are staged on the node by now; 600 KiB more cannot fit beside them
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket(bucket).key("beside"), RequestBody.fromBytes(new byte[600 * 1024])))
                .satisfies(QuotaCountsWhatIsStoredIT::assertQuotaExceeded);
        writer.close();
        assertThat(gcs.get(BlobId.of(bucket, "open-session")).getSize()).isEqualTo(768 * 1024);
        assertConsistent(bucket);
        gcs.delete(BlobId.of(bucket, "open-session"));
    }
}
