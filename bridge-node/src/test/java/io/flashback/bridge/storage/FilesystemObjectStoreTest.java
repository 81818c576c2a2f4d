package io.flashback.bridge.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flashback.bridge.s3.S3ErrorCode;
import io.flashback.bridge.s3.S3Exception;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesystemObjectStoreTest {
    @TempDir
    Path dir;

    FilesystemObjectStore store() {
        return new FilesystemObjectStore(dir, Clock.systemUTC(), 5L * 1024 * 1024);
    }

    static ObjectBody body(String s) {
        return ObjectBody.of(s.getBytes(StandardCharsets.UTF_8));
    }

    static String read(ObjectStore store, String bucket, String key) throws IOException {
        try (ObjectHandle h = store.open(bucket, key); InputStream in = ContentStreams.open(h.content(0, h.info().size()))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void objectsMetadataAndListingSurviveARestart() throws IOException {
        FilesystemObjectStore first = store();
        first.createBucket("b", "alice");
        ObjectAttributes attrs = new ObjectAttributes("text/plain", null, null, null, null, null,
                java.util.Map.of("k", "v"), java.util.Map.of("t", "1"));
        first.put("b", "x/1", body("one"), attrs);
        first.put("b", "x/2", body("two"), ObjectAttributes.empty());
        first.put("b", "y", body("three"), ObjectAttributes.empty());

        FilesystemObjectStore second = store();
        assertThat(second.bucket("b")).hasValueSatisfying(b -> assertThat(b.owner()).isEqualTo("alice"));
        assertThat(read(second, "b", "x/1")).isEqualTo("one");
        assertThat(second.head("b", "x/1").attributes()).isEqualTo(attrs);
        ListPage page = second.list("b", new ListQuery("", "/", "", 1000));
        assertThat(page.objects()).extracting(ObjectSummary::key).containsExactly("y");
        assertThat(page.commonPrefixes()).containsExactly("x/");
        assertThat(second.usedBytes("b")).isEqualTo(3 + 3 + 5);
    }

    @Test
    void aBodyThatFailsItsChecksStoresNothing() throws IOException {
        FilesystemObjectStore store = store();
        store.createBucket("b", "alice");
        ObjectBody failing = ObjectBody.of("data".getBytes(StandardCharsets.UTF_8))
                .verifying(b -> { throw S3ErrorCode.BAD_DIGEST.exception(); });
        assertThatThrownBy(() -> store.put("b", "k", failing, ObjectAttributes.empty()))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.code()).isEqualTo(S3ErrorCode.BAD_DIGEST));
        assertThatThrownBy(() -> store.head("b", "k")).isInstanceOf(S3Exception.class);
        try (Stream<Path> tmp = Files.list(dir.resolve("tmp"))) {
            assertThat(tmp.toList()).isEmpty();
        }
    }

    @Test
    void aShortBodyIsAnIncompleteBody() {
        FilesystemObjectStore store = store();
        store.createBucket("b", "alice");
        ObjectBody shortBody = new ObjectBody(new ByteArrayInputStream(new byte[10]), 20);
        assertThatThrownBy(() -> store.put("b", "k", shortBody, ObjectAttributes.empty()))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.code()).isEqualTo(S3ErrorCode.INCOMPLETE_BODY));
    }

    @Test
    void leftoverTempFilesAndHalfCreatedBucketsAreRemovedAtStartup() throws IOException {
        store().createBucket("b", "alice");
        Files.writeString(dir.resolve("tmp").resolve("crashed.tmp"), "partial");
        Files.createDirectories(dir.resolve("buckets").resolve(".new-123").resolve("objects"));
        store();
        try (Stream<Path> tmp = Files.list(dir.resolve("tmp"))) {
            assertThat(tmp.toList()).isEmpty();
        }
        assertThat(dir.resolve("buckets").resolve(".new-123")).doesNotExist();
    }

    @Test
    void multipartPartsAreRemovedOnCompleteAndOnAbort() throws IOException {
        FilesystemObjectStore store = store();
        store.createBucket("b", "alice");
        UploadInfo u = store.createUpload("b", "big", ObjectAttributes.empty(), ChecksumAlgorithm.CRC32);
        store.putPart("b", "big", u.uploadId(), 1, ObjectBody.of(new byte[5 * 1024 * 1024]).computing(ChecksumAlgorithm.CRC32));
        PartInfo last = store.putPart("b", "big", u.uploadId(), 2, body("tail").computing(ChecksumAlgorithm.CRC32));
        List<CompletedPart> parts = store.listParts("b", "big", u.uploadId()).stream()
                .map(p -> new CompletedPart(p.partNumber(), p.etag())).toList();
        ObjectInfo info = store.completeUpload("b", "big", u.uploadId(), parts);
        assertThat(info.etag()).endsWith("-2");
        assertThat(info.checksums().get(ChecksumAlgorithm.CRC32)).endsWith("-2");
        assertThat(info.partSizes()).containsExactly(5L * 1024 * 1024, last.size());
        assertThat(store.listUploads("b", null)).isEmpty();

        UploadInfo aborted = store.createUpload("b", "gone", ObjectAttributes.empty(), null);
        store.putPart("b", "gone", aborted.uploadId(), 1, body("x"));
        store.abortUpload("b", "gone", aborted.uploadId());
        try (Stream<Path> uploads = Files.list(dir.resolve("buckets/b/uploads"))) {
            assertThat(uploads.toList()).isEmpty();
        }
    }

    @Test
    void aMillionKeyStyleListingSeeksInsteadOfScanning() {
        FilesystemObjectStore store = store();
        store.createBucket("b", "alice");
        for (int i = 0; i < 2000; i++) store.put("b", "k/%05d".formatted(i), body("v"), ObjectAttributes.empty());
        ListPage page = store.list("b", new ListQuery("k/", null, "k/01500", 3));
        assertThat(page.objects()).extracting(ObjectSummary::key).containsExactly("k/01501", "k/01502", "k/01503");
        assertThat(page.truncated()).isTrue();
        assertThat(page.nextMarker()).isEqualTo("k/01503");
    }
}
