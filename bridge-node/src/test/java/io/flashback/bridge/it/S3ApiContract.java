package io.flashback.bridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.Tagging;
import software.amazon.awssdk.services.s3.model.UploadPartCopyResponse;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.transfer.s3.S3TransferManager;
import software.amazon.awssdk.transfer.s3.model.CompletedFileUpload;

/**
 * The S3 behaviour every backend must show, driven with the real AWS SDK v2 (sync, async,
 * transfer manager, presigner) against a running node. Subclasses choose the backend.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class S3ApiContract {
    private static final AtomicInteger BUCKETS = new AtomicInteger();

    protected S3Client s3;

    /** Starts the node under test and returns its endpoint. */
    protected abstract String startNode();

    protected abstract void stopNode();

    @BeforeAll
    void start() {
        s3 = NodeFixtures.client(startNode());
    }

    @AfterAll
    void stop() {
        s3.close();
        stopNode();
    }

    protected String endpoint() {
        return s3.serviceClientConfiguration().endpointOverride().orElseThrow().toString();
    }

    protected String newBucket() {
        String name = "it-" + getClass().getSimpleName().toLowerCase().replaceAll("[^a-z0-9]", "") + "-" + BUCKETS.incrementAndGet();
        s3.createBucket(b -> b.bucket(name));
        return name;
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    static String md5Hex(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    }

    // ------------------------------------------------------------------ buckets

    @Test
    void createsListsHeadsAndDeletesBuckets() {
        String bucket = newBucket();
        assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).contains(bucket);
        s3.headBucket(b -> b.bucket(bucket));
        assertThat(s3.getBucketLocation(b -> b.bucket(bucket)).locationConstraintAsString()).isNullOrEmpty();
        assertThatThrownBy(() -> s3.createBucket(b -> b.bucket(bucket))).isInstanceOf(BucketAlreadyOwnedByYouException.class);
        s3.putObject(b -> b.bucket(bucket).key("x"), RequestBody.fromString("x"));
        assertThatThrownBy(() -> s3.deleteBucket(b -> b.bucket(bucket)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BucketNotEmpty"));
        s3.deleteObject(b -> b.bucket(bucket).key("x"));
        s3.deleteBucket(b -> b.bucket(bucket));
        assertThatThrownBy(() -> s3.headBucket(b -> b.bucket(bucket))).isInstanceOf(NoSuchBucketException.class);
    }

    @Test
    void refusesBucketsOutsideTheGrant() {
        assertThatThrownBy(() -> s3.createBucket(b -> b.bucket("not-granted")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
    }

    // ------------------------------------------------------------------ objects

    @Test
    void storesAndReturnsObjectsWithTheirMetadata() throws Exception {
        String bucket = newBucket();
        byte[] data = random(100_000, 1);
        PutObjectResponse put = s3.putObject(b -> b.bucket(bucket).key("dir/file.bin").contentType("application/x-test")
                .contentEncoding("identity").contentDisposition("attachment; filename=\"f.bin\"").cacheControl("max-age=60")
                .contentLanguage("en").expires(Instant.parse("2030-01-01T00:00:00Z"))
                .metadata(Map.of("color", "blue", "owner-name", "Zoë")), RequestBody.fromBytes(data));
        assertThat(put.eTag()).isEqualTo("\"" + md5Hex(data) + "\"");

        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("dir/file.bin"));
        assertThat(got.asByteArray()).isEqualTo(data);
        GetObjectResponse r = got.response();
        assertThat(r.contentType()).isEqualTo("application/x-test");
        assertThat(r.contentEncoding()).isEqualTo("identity");
        assertThat(r.contentDisposition()).isEqualTo("attachment; filename=\"f.bin\"");
        assertThat(r.cacheControl()).isEqualTo("max-age=60");
        assertThat(r.contentLanguage()).isEqualTo("en");
        assertThat(r.expires()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(r.metadata()).containsEntry("color", "blue").containsKey("owner-name");
        assertThat(r.eTag()).isEqualTo(put.eTag());

        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("dir/file.bin"));
        assertThat(head.contentLength()).isEqualTo(data.length);
        assertThat(head.metadata()).containsEntry("color", "blue");
    }

    @Test
    void storesKeysOfEveryValidShapeWithoutTraversal() {
        String bucket = newBucket();
        List<String> keys = List.of("../escape", "a/../../b", "trailing/", "./dot", "with space+plus", "ünïcødé/文件/😀",
                "%2F-percent", "x".repeat(1024), "back\\slash", "q?uestion&amp=1", "a//double//slash");
        for (String key : keys) s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("v:" + key));
        for (String key : keys) {
            assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String()).as(key).isEqualTo("v:" + key);
        }
        List<String> listed = s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream().map(S3Object::key).toList();
        assertThat(listed).containsExactlyInAnyOrderElementsOf(keys);
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket(bucket).key("y".repeat(1025)), RequestBody.fromString("x")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("KeyTooLongError"));
    }

    @Test
    void servesRangesIncludingSuffixAndOpenRanges() {
        String bucket = newBucket();
        byte[] data = random(10_000, 2);
        s3.putObject(b -> b.bucket(bucket).key("r"), RequestBody.fromBytes(data));
        ResponseBytes<GetObjectResponse> mid = s3.getObjectAsBytes(b -> b.bucket(bucket).key("r").range("bytes=100-199"));
        assertThat(mid.asByteArray()).isEqualTo(java.util.Arrays.copyOfRange(data, 100, 200));
        assertThat(mid.response().contentRange()).isEqualTo("bytes 100-199/10000");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("r").range("bytes=-500")).asByteArray())
                .isEqualTo(java.util.Arrays.copyOfRange(data, 9500, 10000));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("r").range("bytes=9000-")).asByteArray())
                .isEqualTo(java.util.Arrays.copyOfRange(data, 9000, 10000));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("r").range("bytes=9990-20000")).asByteArray())
                .isEqualTo(java.util.Arrays.copyOfRange(data, 9990, 10000));
        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("r").range("bytes=10000-10001")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(416));
    }

    @Test
    void evaluatesConditionalGets() {
        String bucket = newBucket();
        String etag = s3.putObject(b -> b.bucket(bucket).key("c"), RequestBody.fromString("conditional")).eTag();
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("c").ifMatch(etag)).asUtf8String()).isEqualTo("conditional");
        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("c").ifMatch("\"0000\"")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("c").ifNoneMatch(etag)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(304));
        Instant future = Instant.now().plusSeconds(3600);
        Instant past = Instant.now().minusSeconds(3600);
        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("c").ifModifiedSince(future)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(304));
        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("c").ifUnmodifiedSince(past)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("c").ifModifiedSince(past)).asUtf8String()).isEqualTo("conditional");
    }

    @Test
    void appliesResponseHeaderOverrides() {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("o"), RequestBody.fromString("x"));
        GetObjectResponse r = s3.getObject(b -> b.bucket(bucket).key("o").responseContentType("text/x-over")
                .responseContentDisposition("inline").responseCacheControl("no-cache")).response();
        assertThat(r.contentType()).isEqualTo("text/x-over");
        assertThat(r.contentDisposition()).isEqualTo("inline");
        assertThat(r.cacheControl()).isEqualTo("no-cache");
    }

    @Test
    void deletesSingleAndBatchedObjectsQuietlyOrNot() {
        String bucket = newBucket();
        for (int i = 0; i < 5; i++) {
            int n = i;
            s3.putObject(b -> b.bucket(bucket).key("d" + n), RequestBody.fromString("x"));
        }
        s3.deleteObject(b -> b.bucket(bucket).key("d0"));
        s3.deleteObject(b -> b.bucket(bucket).key("never-existed"));
        DeleteObjectsResponse loud = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(
                ObjectIdentifier.builder().key("d1").build(), ObjectIdentifier.builder().key("d2").versionId("null").build())));
        assertThat(loud.deleted()).extracting(x -> x.key()).containsExactlyInAnyOrder("d1", "d2");
        DeleteObjectsResponse quiet = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.quiet(true).objects(
                ObjectIdentifier.builder().key("d3").build(), ObjectIdentifier.builder().key("d4").build())));
        assertThat(quiet.deleted()).isEmpty();
        assertThat(quiet.errors()).isEmpty();
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents()).isEmpty();
        assertThatThrownBy(() -> s3.getObject(b -> b.bucket(bucket).key("d1"))).isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void copiesObjectsKeepingOrReplacingMetadataAndUnderConditions() {
        String bucket = newBucket();
        String etag = s3.putObject(b -> b.bucket(bucket).key("src").contentType("text/plain").metadata(Map.of("k", "v")),
                RequestBody.fromString("copy me")).eTag();
        CopyObjectResponse copy = s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src").destinationBucket(bucket).destinationKey("dst"));
        assertThat(copy.copyObjectResult().eTag()).isEqualTo(etag);
        HeadObjectResponse dst = s3.headObject(b -> b.bucket(bucket).key("dst"));
        assertThat(dst.metadata()).containsEntry("k", "v");
        assertThat(dst.contentType()).isEqualTo("text/plain");

        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src").destinationBucket(bucket).destinationKey("src")
                .metadataDirective(MetadataDirective.REPLACE).contentType("text/x-new").metadata(Map.of("k2", "v2")));
        HeadObjectResponse self = s3.headObject(b -> b.bucket(bucket).key("src"));
        assertThat(self.metadata()).containsOnly(Map.entry("k2", "v2"));
        assertThat(self.contentType()).isEqualTo("text/x-new");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("src")).asUtf8String()).isEqualTo("copy me");

        assertThatThrownBy(() -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src").destinationBucket(bucket).destinationKey("src")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRequest"));
        assertThatThrownBy(() -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src").destinationBucket(bucket)
                .destinationKey("dst2").copySourceIfMatch("\"nope\"")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src").destinationBucket(bucket).destinationKey("dst3")
                .copySourceIfMatch(etag));
    }

    @Test
    void keepsObjectTags() {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("t").tagging("a=1&b=two"), RequestBody.fromString("x"));
        assertThat(s3.getObjectTagging(b -> b.bucket(bucket).key("t")).tagSet()).extracting(Tag::key, Tag::value)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("a", "1"), org.assertj.core.groups.Tuple.tuple("b", "two"));
        s3.putObjectTagging(b -> b.bucket(bucket).key("t").tagging(Tagging.builder().tagSet(Tag.builder().key("c").value("3").build()).build()));
        assertThat(s3.getObjectTagging(b -> b.bucket(bucket).key("t")).tagSet()).extracting(Tag::key).containsExactly("c");
        assertThat(s3.getObject(b -> b.bucket(bucket).key("t")).response().tagCount()).isEqualTo(1);
        s3.deleteObjectTagging(b -> b.bucket(bucket).key("t"));
        assertThat(s3.getObjectTagging(b -> b.bucket(bucket).key("t")).tagSet()).isEmpty();
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("t")).asUtf8String()).isEqualTo("x");
    }

    // ------------------------------------------------------------------ listing

    @Test
    void listsInUtf8ByteOrderWithPrefixesDelimitersAndPages() {
        String bucket = newBucket();
        List<String> keys = List.of("a", "a/b", "a/c/d", "b", "b/x", "c", "\uFF61half", "😀emoji", "é", "z/1", "z/2", "z/3");
        for (String k : keys) s3.putObject(b -> b.bucket(bucket).key(k), RequestBody.fromString(k));
        TreeSet<String> byBytes = new TreeSet<>((x, y) -> java.util.Arrays.compareUnsigned(
                x.getBytes(StandardCharsets.UTF_8), y.getBytes(StandardCharsets.UTF_8)));
        byBytes.addAll(keys);

        List<String> all = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket(bucket).maxKeys(5).continuationToken(t));
            assertThat(page.keyCount()).isLessThanOrEqualTo(5);
            page.contents().forEach(o -> all.add(o.key()));
            token = page.isTruncated() ? page.nextContinuationToken() : null;
        } while (token != null);
        assertThat(all).containsExactlyElementsOf(byBytes);

        ListObjectsV2Response top = s3.listObjectsV2(b -> b.bucket(bucket).delimiter("/"));
        assertThat(top.contents()).extracting(S3Object::key).containsExactly("a", "b", "c", "é", "\uFF61half", "😀emoji");
        assertThat(top.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("a/", "b/", "z/");

        ListObjectsV2Response underA = s3.listObjectsV2(b -> b.bucket(bucket).prefix("a/").delimiter("/"));
        assertThat(underA.contents()).extracting(S3Object::key).containsExactly("a/b");
        assertThat(underA.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("a/c/");

        ListObjectsV2Response after = s3.listObjectsV2(b -> b.bucket(bucket).startAfter("z/1"));
        assertThat(after.contents()).extracting(S3Object::key).containsExactly("z/2", "z/3", "é", "\uFF61half", "😀emoji");

        // pages of common prefixes continue after the prefix, never repeat it
        List<String> rolled = new ArrayList<>();
        String marker = null;
        do {
            String m = marker;
            ListObjectsResponse v1 = s3.listObjects(b -> b.bucket(bucket).delimiter("/").maxKeys(2).marker(m));
            v1.contents().forEach(o -> rolled.add(o.key()));
            v1.commonPrefixes().forEach(p -> rolled.add(p.prefix()));
            marker = v1.isTruncated() ? v1.nextMarker() : null;
        } while (marker != null);
        assertThat(rolled).containsExactlyInAnyOrder("a", "a/", "b", "b/", "c", "é", "\uFF61half", "😀emoji", "z/");

        ListObjectsV2Response encoded = s3.listObjectsV2(b -> b.bucket(bucket).prefix("é").encodingType(EncodingType.URL));
        assertThat(encoded.contents()).extracting(S3Object::key).containsExactly("é");
    }

    @Test
    void answersListObjectVersionsForAnUnversionedBucket() {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("v"), RequestBody.fromString("x"));
        var versions = s3.listObjectVersions(b -> b.bucket(bucket));
        assertThat(versions.versions()).singleElement().satisfies(v -> {
            assertThat(v.key()).isEqualTo("v");
            assertThat(v.versionId()).isEqualTo("null");
            assertThat(v.isLatest()).isTrue();
        });
    }

    // ------------------------------------------------------------------ multipart

    @Test
    void completesMultipartUploadsWithTheMd5OfMd5sEtag() throws Exception {
        String bucket = newBucket();
        byte[] part1 = random(5 * 1024 * 1024, 3);
        byte[] part2 = random(1234, 4);
        CreateMultipartUploadResponse mpu = s3.createMultipartUpload(b -> b.bucket(bucket).key("mp").contentType("video/x-test")
                .metadata(Map.of("m", "1")));
        UploadPartResponse p1 = s3.uploadPart(b -> b.bucket(bucket).key("mp").uploadId(mpu.uploadId()).partNumber(1), RequestBody.fromBytes(part1));
        UploadPartResponse p2 = s3.uploadPart(b -> b.bucket(bucket).key("mp").uploadId(mpu.uploadId()).partNumber(2), RequestBody.fromBytes(part2));
        assertThat(s3.listParts(b -> b.bucket(bucket).key("mp").uploadId(mpu.uploadId())).parts()).extracting(p -> p.partNumber()).containsExactly(1, 2);
        assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads()).extracting(u -> u.uploadId()).contains(mpu.uploadId());

        var done = s3.completeMultipartUpload(b -> b.bucket(bucket).key("mp").uploadId(mpu.uploadId()).multipartUpload(m -> m.parts(
                CompletedPart.builder().partNumber(1).eTag(p1.eTag()).build(), CompletedPart.builder().partNumber(2).eTag(p2.eTag()).build())));
        MessageDigest md5s = MessageDigest.getInstance("MD5");
        md5s.update(MessageDigest.getInstance("MD5").digest(part1));
        md5s.update(MessageDigest.getInstance("MD5").digest(part2));
        assertThat(done.eTag()).isEqualTo("\"" + HexFormat.of().formatHex(md5s.digest()) + "-2\"");

        byte[] whole = s3.getObjectAsBytes(b -> b.bucket(bucket).key("mp")).asByteArray();
        assertThat(whole).hasSize(part1.length + part2.length);
        assertThat(java.util.Arrays.copyOfRange(whole, 0, part1.length)).isEqualTo(part1);
        assertThat(s3.headObject(b -> b.bucket(bucket).key("mp")).metadata()).containsEntry("m", "1");
        assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
    }

    @Test
    void rejectsBadCompletionsAndAbortsUploads() {
        String bucket = newBucket();
        CreateMultipartUploadResponse mpu = s3.createMultipartUpload(b -> b.bucket(bucket).key("bad"));
        UploadPartResponse p1 = s3.uploadPart(b -> b.bucket(bucket).key("bad").uploadId(mpu.uploadId()).partNumber(1), RequestBody.fromString("small"));
        UploadPartResponse p2 = s3.uploadPart(b -> b.bucket(bucket).key("bad").uploadId(mpu.uploadId()).partNumber(2), RequestBody.fromString("small"));
        assertThatThrownBy(() -> s3.completeMultipartUpload(b -> b.bucket(bucket).key("bad").uploadId(mpu.uploadId()).multipartUpload(m -> m.parts(
                CompletedPart.builder().partNumber(1).eTag(p1.eTag()).build(), CompletedPart.builder().partNumber(2).eTag(p2.eTag()).build()))))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("EntityTooSmall"));
        assertThatThrownBy(() -> s3.completeMultipartUpload(b -> b.bucket(bucket).key("bad").uploadId(mpu.uploadId()).multipartUpload(m -> m.parts(
                CompletedPart.builder().partNumber(2).eTag(p2.eTag()).build(), CompletedPart.builder().partNumber(1).eTag(p1.eTag()).build()))))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidPartOrder"));
        assertThatThrownBy(() -> s3.completeMultipartUpload(b -> b.bucket(bucket).key("bad").uploadId(mpu.uploadId()).multipartUpload(m -> m.parts(
                CompletedPart.builder().partNumber(1).eTag("\"00000000000000000000000000000000\"").build()))))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidPart"));
        s3.abortMultipartUpload(b -> b.bucket(bucket).key("bad").uploadId(mpu.uploadId()));
        assertThatThrownBy(() -> s3.listParts(b -> b.bucket(bucket).key("bad").uploadId(mpu.uploadId())))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchUpload"));
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents()).isEmpty();
    }

    @Test
    void copiesPartRangesIntoMultipartUploads() {
        String bucket = newBucket();
        byte[] src = random(6 * 1024 * 1024, 5);
        s3.putObject(b -> b.bucket(bucket).key("source"), RequestBody.fromBytes(src));
        CreateMultipartUploadResponse mpu = s3.createMultipartUpload(b -> b.bucket(bucket).key("assembled"));
        UploadPartCopyResponse c1 = s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey("source").destinationBucket(bucket)
                .destinationKey("assembled").uploadId(mpu.uploadId()).partNumber(1).copySourceRange("bytes=0-5242879"));
        UploadPartCopyResponse c2 = s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey("source").destinationBucket(bucket)
                .destinationKey("assembled").uploadId(mpu.uploadId()).partNumber(2).copySourceRange("bytes=5242880-" + (src.length - 1)));
        s3.completeMultipartUpload(b -> b.bucket(bucket).key("assembled").uploadId(mpu.uploadId()).multipartUpload(m -> m.parts(
                CompletedPart.builder().partNumber(1).eTag(c1.copyPartResult().eTag()).build(),
                CompletedPart.builder().partNumber(2).eTag(c2.copyPartResult().eTag()).build())));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("assembled")).asByteArray()).isEqualTo(src);
    }

    // ------------------------------------------------------------------ integrity

    @Test
    void checksAndReturnsEveryAdditionalChecksum() {
        String bucket = newBucket();
        byte[] data = random(300_000, 6);
        for (ChecksumAlgorithm alg : List.of(ChecksumAlgorithm.CRC32, ChecksumAlgorithm.CRC32_C, ChecksumAlgorithm.SHA1,
                ChecksumAlgorithm.SHA256)) { // CRC64NVME needs aws-crt in the client; ChecksumAlgorithmTest covers ours
            String key = "sum-" + alg;
            PutObjectResponse put = s3.putObject(b -> b.bucket(bucket).key(key).checksumAlgorithm(alg), RequestBody.fromBytes(data));
            GetObjectResponse got = s3.getObject(b -> b.bucket(bucket).key(key).checksumMode(ChecksumMode.ENABLED)).response();
            String stored = switch (alg) {
                case CRC32 -> got.checksumCRC32();
                case CRC32_C -> got.checksumCRC32C();
                case SHA1 -> got.checksumSHA1();
                case SHA256 -> got.checksumSHA256();
                case CRC64_NVME -> got.checksumCRC64NVME();
                default -> null;
            };
            String returned = switch (alg) {
                case CRC32 -> put.checksumCRC32();
                case CRC32_C -> put.checksumCRC32C();
                case SHA1 -> put.checksumSHA1();
                case SHA256 -> put.checksumSHA256();
                case CRC64_NVME -> put.checksumCRC64NVME();
                default -> null;
            };
            assertThat(stored).as(alg.toString()).isNotNull().isEqualTo(returned);
        }
    }

    @Test
    void rejectsAWrongChecksumAndStoresNothing() {
        String bucket = newBucket();
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket(bucket).key("bad-sum").checksumCRC32("AAAAAA=="),
                RequestBody.fromString("some bytes")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(400));
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket(bucket).key("bad-md5").contentMD5("1B2M2Y8AsgTpgAmY7PhCfg=="),
                RequestBody.fromString("some bytes")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BadDigest"));
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents()).isEmpty();
    }

    // ------------------------------------------------------------------ access

    @Test
    void enforcesReadOnlyGrantsAndQuotas() {
        try (S3Client reader = NodeFixtures.client(endpoint(), NodeFixtures.READ_ONLY_KEY);
             S3Client small = NodeFixtures.client(endpoint(), NodeFixtures.SMALL_QUOTA_KEY)) {
            try {
                s3.createBucket(b -> b.bucket("shared"));
            } catch (BucketAlreadyOwnedByYouException ignored) {
                // another backend run created it
            }
            s3.putObject(b -> b.bucket("shared").key("readable"), RequestBody.fromString("hello"));
            assertThat(reader.getObjectAsBytes(b -> b.bucket("shared").key("readable")).asUtf8String()).isEqualTo("hello");
            assertThatThrownBy(() -> reader.putObject(b -> b.bucket("shared").key("nope"), RequestBody.fromString("x")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
            assertThatThrownBy(() -> reader.getObject(b -> b.bucket(newBucket()).key("x")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));

            String q = "quota-" + BUCKETS.incrementAndGet();
            small.createBucket(b -> b.bucket(q));
            try (S3Client other = NodeFixtures.client(endpoint(), NodeFixtures.OTHER_OWNER_KEY)) {
                assertThatThrownBy(() -> other.createBucket(b -> b.bucket(q)))
                        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BucketAlreadyExists"));
            }
            small.putObject(b -> b.bucket(q).key("fits"), RequestBody.fromBytes(new byte[60_000]));
            assertThatThrownBy(() -> small.putObject(b -> b.bucket(q).key("too-much"), RequestBody.fromBytes(new byte[60_000])))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("QuotaExceeded"));
            assertThat(small.listObjectsV2(b -> b.bucket(q)).contents()).extracting(S3Object::key).containsExactly("fits");
            small.deleteObject(b -> b.bucket(q).key("fits"));
            small.putObject(b -> b.bucket(q).key("now-fits"), RequestBody.fromBytes(new byte[60_000]));
        }
    }

    @Test
    void servesPresignedGetAndPutUntilTheyExpire() throws Exception {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("p"), RequestBody.fromString("presigned"));
        HttpClient http = HttpClient.newHttpClient();
        try (S3Presigner presigner = NodeFixtures.presigner(endpoint())) {
            URI get = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(g -> g.bucket(bucket).key("p"))).url().toURI();
            assertThat(http.send(HttpRequest.newBuilder(get).build(), HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("presigned");

            URI put = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .putObjectRequest(g -> g.bucket(bucket).key("uploaded"))).url().toURI();
            HttpResponse<String> putResponse = http.send(HttpRequest.newBuilder(put).PUT(HttpRequest.BodyPublishers.ofString("via url")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(putResponse.statusCode()).isEqualTo(200);
            assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("uploaded")).asUtf8String()).isEqualTo("via url");

            URI expiring = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofSeconds(1))
                    .getObjectRequest(g -> g.bucket(bucket).key("p"))).url().toURI();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(expiring).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(403);
                assertThat(r.body()).contains("<Code>AccessDenied</Code>").contains("Request has expired");
            });
        }
    }

    // ------------------------------------------------------------------ async client and transfer manager

    @Test
    void worksWithTheAsyncClient() {
        String bucket = newBucket();
        byte[] data = random(2 * 1024 * 1024 + 7, 7);
        try (S3AsyncClient async = NodeFixtures.asyncClient(endpoint(), false)) {
            async.putObject(b -> b.bucket(bucket).key("async"), AsyncRequestBody.fromBytes(data)).join();
            byte[] back = async.getObject(b -> b.bucket(bucket).key("async"), AsyncResponseTransformer.toBytes()).join().asByteArray();
            assertThat(back).isEqualTo(data);
        }
    }

    @Test
    void uploadsAndDownloadsLargeFilesWithTheTransferManager() throws IOException {
        String bucket = newBucket();
        Path dir = NodeFixtures.tempDir("tm");
        Path file = dir.resolve("large.bin");
        Files.write(file, random(40 * 1024 * 1024 + 3, 8));
        try (S3AsyncClient async = NodeFixtures.asyncClient(endpoint(), true);
             S3TransferManager tm = S3TransferManager.builder().s3Client(async).build()) {
            CompletedFileUpload up = tm.uploadFile(u -> u.source(file).putObjectRequest(p -> p.bucket(bucket).key("large.bin")))
                    .completionFuture().join();
            assertThat(up.response().eTag()).endsWith("-6\"");
            Path back = dir.resolve("back.bin");
            tm.downloadFile(d -> d.destination(back).getObjectRequest(g -> g.bucket(bucket).key("large.bin"))).completionFuture().join();
            assertThat(Files.mismatch(file, back)).isEqualTo(-1);
        }
    }
}
