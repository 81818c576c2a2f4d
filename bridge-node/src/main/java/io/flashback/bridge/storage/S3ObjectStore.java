package io.flashback.bridge.storage;

import io.flashback.bridge.s3.S3ErrorCode;
import io.flashback.bridge.s3.S3Exception;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.TaggingDirective;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fronts a provider's existing S3-compatible storage (AWS S3, MinIO, Ceph RGW, another bridge
 * node) with aws-sdk-java-v2. Bodies stream through in both directions; nothing buffers a whole
 * object. The requested checksum algorithm is passed on, so the upstream verifies it too.
 * Bucket owners (an S3 notion the upstream cannot hold for us) are kept in a small JSON file.
 */
public final class S3ObjectStore implements ObjectStore {
    private final S3Client s3;
    private final Clock clock;
    private final Path ownersFile;
    private final JsonMapper json = JsonMapper.builder().build();
    private final ConcurrentHashMap<String, String> owners = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicLong> usage = new ConcurrentHashMap<>();

    public S3ObjectStore(URI endpoint, String accessKey, String secretKey, String region, Path dataDir, Clock clock) {
        this.clock = clock;
        var builder = S3Client.builder()
                .region(Region.of(region == null ? "us-east-1" : region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(256))
                // a body stream cannot be replayed: the client retries, not the node
                .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none()));
        if (endpoint != null) builder.endpointOverride(endpoint);
        this.s3 = builder.build();
        this.ownersFile = dataDir.resolve("upstream-bucket-owners.json");
        try {
            Files.createDirectories(dataDir);
            if (Files.exists(ownersFile)) owners.putAll(json.readValue(Files.readAllBytes(ownersFile), new TypeReference<Map<String, String>>() {}));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- error mapping

    private <T> T call(Supplier<T> upstreamCall) {
        try {
            return upstreamCall.get();
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            throw translate(e);
        } catch (SdkException e) {
            for (Throwable t = e; t != null; t = t.getCause()) if (t instanceof S3Exception ours) throw ours;
            throw new S3Exception(S3ErrorCode.SERVICE_UNAVAILABLE, "The upstream storage is unreachable: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new S3Exception(S3ErrorCode.SERVICE_UNAVAILABLE, "The upstream storage is unreachable", e);
        }
    }

    private void run(Runnable upstreamCall) {
        call(() -> {
            upstreamCall.run();
            return null;
        });
    }

    static S3Exception translate(software.amazon.awssdk.services.s3.model.S3Exception e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        if (e.statusCode() == 404 && code == null) code = "NoSuchKey";
        if (e.statusCode() == 304) return S3ErrorCode.NOT_MODIFIED.exception();
        if (e.statusCode() == 412) return S3ErrorCode.PRECONDITION_FAILED.exception();
        for (S3ErrorCode c : S3ErrorCode.values()) {
            if (c.code().equals(code)) return new S3Exception(c, e.awsErrorDetails().errorMessage() == null ? c.defaultMessage()
                    : e.awsErrorDetails().errorMessage());
        }
        return e.statusCode() >= 500
                ? new S3Exception(S3ErrorCode.SERVICE_UNAVAILABLE, "The upstream storage failed: " + code, e)
                : new S3Exception(S3ErrorCode.INTERNAL_ERROR, "The upstream storage refused the request: " + code, e);
    }

    // ---------------------------------------------------------------- buckets

    @Override
    public List<BucketInfo> listBuckets() {
        return call(() -> s3.listBuckets().buckets().stream()
                .map(b -> new BucketInfo(b.name(), owners.getOrDefault(b.name(), ""), b.creationDate())).toList());
    }

    @Override
    public Optional<BucketInfo> bucket(String bucket) {
        return listBuckets().stream().filter(b -> b.name().equals(bucket)).findFirst();
    }

    @Override
    public BucketInfo createBucket(String bucket, String owner) {
        try {
            run(() -> s3.createBucket(b -> b.bucket(bucket)));
        } catch (S3Exception e) {
            if (e.code() == S3ErrorCode.BUCKET_ALREADY_OWNED_BY_YOU) throw S3ErrorCode.BUCKET_ALREADY_EXISTS.exception();
            throw e;
        }
        owners.put(bucket, owner);
        saveOwners();
        return new BucketInfo(bucket, owner, clock.instant());
    }

    @Override
    public void deleteBucket(String bucket) {
        run(() -> s3.deleteBucket(b -> b.bucket(bucket)));
        owners.remove(bucket);
        usage.remove(bucket);
        saveOwners();
    }

    private synchronized void saveOwners() {
        try {
            Path t = ownersFile.resolveSibling(ownersFile.getFileName() + ".new");
            Files.write(t, json.writeValueAsBytes(new LinkedHashMap<>(owners)));
            Files.move(t, ownersFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Counted once by listing the upstream bucket, then kept up to date by the writes through this node. */
    @Override
    public long usedBytes(String bucket) {
        return usage.computeIfAbsent(bucket, b -> {
            long total = call(() -> s3.listObjectsV2Paginator(r -> r.bucket(b)).contents().stream().mapToLong(o -> o.size()).sum());
            return new AtomicLong(total);
        }).get();
    }

    private void adjustUsage(String bucket, long delta) {
        AtomicLong u = usage.get(bucket);
        if (u != null) u.addAndGet(delta);
    }

    // ---------------------------------------------------------------- objects

    @Override
    public ObjectInfo put(String bucket, String key, ObjectBody body, ObjectAttributes attributes) {
        long previous = sizeIfPresent(bucket, key);
        PutObjectRequest.Builder req = PutObjectRequest.builder().bucket(bucket).key(key).contentLength(body.length());
        applyAttributes(attributes, req::contentType, req::contentEncoding, req::contentDisposition, req::contentLanguage,
                req::cacheControl, req::expires, req::metadata);
        if (!attributes.tags().isEmpty()) req.tagging(tagging(attributes.tags()));
        body.requested().stream().findFirst().ifPresent(a -> req.checksumAlgorithm(sdk(a)));
        var response = call(() -> s3.putObject(req.build(), once(body)));
        adjustUsage(bucket, body.count() - previous);
        Map<ChecksumAlgorithm, String> checksums = body.checksums();
        return new ObjectInfo(key, body.count(), stripQuotes(response.eTag()), clock.instant(), attributes, checksums,
                checksums.isEmpty() ? null : "FULL_OBJECT", body.crc32cBase64(), List.of());
    }

    /** The SDK may ask for the body more than once; a streamed body exists once, so a second ask fails the request. */
    private static RequestBody once(ObjectBody body) {
        AtomicBoolean used = new AtomicBoolean();
        return RequestBody.fromContentProvider(() -> {
            if (used.getAndSet(true)) throw new IllegalStateException("the request body cannot be replayed");
            return body;
        }, body.length(), "application/octet-stream");
    }

    private long sizeIfPresent(String bucket, String key) {
        if (!usage.containsKey(bucket)) return 0;
        try {
            return head(bucket, key).size();
        } catch (S3Exception e) {
            return 0;
        }
    }

    @Override
    public ObjectHandle open(String bucket, String key) {
        HeadObjectResponse head = call(() -> s3.headObject(b -> b.bucket(bucket).key(key).checksumMode(ChecksumMode.ENABLED)));
        Map<String, String> tags = head.tagCount() != null && head.tagCount() > 0
                ? call(() -> s3.getObjectTagging(b -> b.bucket(bucket).key(key))).tagSet().stream()
                        .collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b, LinkedHashMap::new))
                : Map.of();
        ObjectAttributes attrs = new ObjectAttributes(head.contentType(), head.contentEncoding(), head.contentDisposition(),
                head.contentLanguage(), head.cacheControl(), head.expiresString(), head.metadata(), tags);
        Map<ChecksumAlgorithm, String> checksums = new EnumMap<>(ChecksumAlgorithm.class);
        putIf(checksums, ChecksumAlgorithm.CRC32, head.checksumCRC32());
        putIf(checksums, ChecksumAlgorithm.CRC32C, head.checksumCRC32C());
        putIf(checksums, ChecksumAlgorithm.CRC64NVME, head.checksumCRC64NVME());
        putIf(checksums, ChecksumAlgorithm.SHA1, head.checksumSHA1());
        putIf(checksums, ChecksumAlgorithm.SHA256, head.checksumSHA256());
        String etag = stripQuotes(head.eTag());
        ObjectInfo info = new ObjectInfo(key, head.contentLength(), etag, head.lastModified(), attrs, checksums,
                head.checksumTypeAsString(), head.checksumCRC32C() != null && !head.checksumCRC32C().contains("-") ? head.checksumCRC32C() : null,
                List.of());
        return new ObjectHandle() {
            public ObjectInfo info() {
                return info;
            }

            public ObjectContent content(long offset, long length) {
                if (length == 0) return new ObjectContent.Stream(InputStream.nullInputStream(), 0);
                ResponseInputStream<GetObjectResponse> in = call(() -> s3.getObject(b -> b.bucket(bucket).key(key)
                        .range("bytes=" + offset + "-" + (offset + length - 1)).ifMatch("\"" + etag + "\"")));
                return new ObjectContent.Stream(in, length);
            }

            public void close() {
                // nothing held open before content() is called
            }
        };
    }

    private static void putIf(Map<ChecksumAlgorithm, String> m, ChecksumAlgorithm alg, String v) {
        if (v != null) m.put(alg, v);
    }

    @Override
    public ObjectInfo updateAttributes(String bucket, String key, ObjectAttributes attributes) {
        var req = software.amazon.awssdk.services.s3.model.CopyObjectRequest.builder()
                .sourceBucket(bucket).sourceKey(key).destinationBucket(bucket).destinationKey(key)
                .metadataDirective(MetadataDirective.REPLACE).taggingDirective(TaggingDirective.REPLACE)
                .tagging(tagging(attributes.tags()));
        applyAttributes(attributes, req::contentType, req::contentEncoding, req::contentDisposition, req::contentLanguage,
                req::cacheControl, req::expires, req::metadata);
        run(() -> s3.copyObject(req.build()));
        return head(bucket, key);
    }

    @Override
    public void delete(String bucket, String key) {
        long previous = sizeIfPresent(bucket, key);
        run(() -> s3.deleteObject(b -> b.bucket(bucket).key(key)));
        adjustUsage(bucket, -previous);
    }

    @Override
    public ListPage list(String bucket, ListQuery q) {
        if (q.maxKeys() <= 0) return new ListPage(List.of(), List.of(), false, null);
        ListObjectsV2Response r = call(() -> s3.listObjectsV2(b -> b.bucket(bucket).prefix(q.prefix().isEmpty() ? null : q.prefix())
                .delimiter(q.delimiter()).startAfter(q.startAfter().isEmpty() ? null : q.startAfter()).maxKeys(q.maxKeys())));
        List<ObjectSummary> objects = r.contents().stream()
                .map(o -> new ObjectSummary(o.key(), o.size(), stripQuotes(o.eTag()), o.lastModified())).toList();
        List<String> prefixes = r.commonPrefixes().stream().map(p -> p.prefix()).toList();
        String last = null;
        if (!objects.isEmpty()) last = objects.get(objects.size() - 1).key();
        if (!prefixes.isEmpty()) {
            String lp = prefixes.get(prefixes.size() - 1);
            if (last == null || KeyOrder.INSTANCE.compare(lp, last) > 0) last = lp;
        }
        boolean truncated = Boolean.TRUE.equals(r.isTruncated());
        return new ListPage(objects, prefixes, truncated, truncated ? last : null);
    }

    // ---------------------------------------------------------------- multipart

    @Override
    public UploadInfo createUpload(String bucket, String key, ObjectAttributes attributes, ChecksumAlgorithm algorithm) {
        CreateMultipartUploadRequest.Builder req = CreateMultipartUploadRequest.builder().bucket(bucket).key(key);
        applyAttributes(attributes, req::contentType, req::contentEncoding, req::contentDisposition, req::contentLanguage,
                req::cacheControl, req::expires, req::metadata);
        if (!attributes.tags().isEmpty()) req.tagging(tagging(attributes.tags()));
        if (algorithm != null) req.checksumAlgorithm(sdk(algorithm));
        String id = call(() -> s3.createMultipartUpload(req.build())).uploadId();
        return new UploadInfo(bucket, key, id, clock.instant(), attributes, algorithm);
    }

    @Override
    public UploadInfo upload(String bucket, String key, String uploadId) {
        ListPartsResponse r = call(() -> s3.listParts(b -> b.bucket(bucket).key(key).uploadId(uploadId).maxParts(1)));
        ChecksumAlgorithm alg = r.checksumAlgorithm() == null ? null : ChecksumAlgorithm.fromName(r.checksumAlgorithmAsString()).orElse(null);
        // ListParts does not tell when the upload began; callers of upload() need only its existence and algorithm
        return new UploadInfo(bucket, key, uploadId, Instant.EPOCH, ObjectAttributes.empty(), alg);
    }

    @Override
    public PartInfo putPart(String bucket, String key, String uploadId, int partNumber, ObjectBody body) {
        UploadPartRequest.Builder rb = UploadPartRequest.builder().bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber)
                .contentLength(body.length());
        body.requested().stream().findFirst().ifPresent(a -> rb.checksumAlgorithm(sdk(a)));
        UploadPartRequest req = rb.build();
        UploadPartResponse r = call(() -> s3.uploadPart(req, once(body)));
        return new PartInfo(partNumber, body.count(), stripQuotes(r.eTag()), clock.instant(), body.checksums(), body.crc32cBase64());
    }

    @Override
    public List<PartInfo> listParts(String bucket, String key, String uploadId) {
        return call(() -> s3.listPartsPaginator(b -> b.bucket(bucket).key(key).uploadId(uploadId)).parts().stream().map(p -> {
            Map<ChecksumAlgorithm, String> sums = new EnumMap<>(ChecksumAlgorithm.class);
            putIf(sums, ChecksumAlgorithm.CRC32, p.checksumCRC32());
            putIf(sums, ChecksumAlgorithm.CRC32C, p.checksumCRC32C());
            putIf(sums, ChecksumAlgorithm.SHA1, p.checksumSHA1());
            putIf(sums, ChecksumAlgorithm.SHA256, p.checksumSHA256());
            return new PartInfo(p.partNumber(), p.size(), stripQuotes(p.eTag()), p.lastModified(), sums, null);
        }).toList());
    }

    @Override
    public ObjectInfo completeUpload(String bucket, String key, String uploadId, List<io.flashback.bridge.storage.CompletedPart> parts) {
        Map<Integer, PartInfo> stored = new java.util.HashMap<>();
        for (PartInfo p : listParts(bucket, key, uploadId)) stored.put(p.partNumber(), p);
        List<CompletedPart> completed = new ArrayList<>();
        for (var p : parts) {
            CompletedPart.Builder b = CompletedPart.builder().partNumber(p.partNumber()).eTag("\"" + stripQuotes(p.etag()) + "\"");
            PartInfo s = stored.get(p.partNumber());
            if (s != null) {
                b.checksumCRC32(s.checksums().get(ChecksumAlgorithm.CRC32)).checksumCRC32C(s.checksums().get(ChecksumAlgorithm.CRC32C))
                        .checksumSHA1(s.checksums().get(ChecksumAlgorithm.SHA1)).checksumSHA256(s.checksums().get(ChecksumAlgorithm.SHA256));
            }
            completed.add(b.build());
        }
        long previous = sizeIfPresent(bucket, key);
        run(() -> s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(completed))));
        ObjectInfo info = head(bucket, key);
        adjustUsage(bucket, info.size() - previous);
        return info;
    }

    @Override
    public void abortUpload(String bucket, String key, String uploadId) {
        run(() -> s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)));
    }

    @Override
    public List<UploadInfo> listUploads(String bucket, String prefix) {
        return call(() -> s3.listMultipartUploadsPaginator(b -> b.bucket(bucket).prefix(prefix)).uploads().stream()
                .map(u -> new UploadInfo(bucket, u.key(), u.uploadId(), u.initiated(), ObjectAttributes.empty(),
                        u.checksumAlgorithm() == null ? null : ChecksumAlgorithm.fromName(u.checksumAlgorithmAsString()).orElse(null)))
                .toList());
    }

    @Override
    public void close() {
        s3.close();
    }

    // ---------------------------------------------------------------- helpers

    private static software.amazon.awssdk.services.s3.model.ChecksumAlgorithm sdk(ChecksumAlgorithm a) {
        return switch (a) {
            case CRC32 -> software.amazon.awssdk.services.s3.model.ChecksumAlgorithm.CRC32;
            case CRC32C -> software.amazon.awssdk.services.s3.model.ChecksumAlgorithm.CRC32_C;
            case CRC64NVME -> software.amazon.awssdk.services.s3.model.ChecksumAlgorithm.CRC64_NVME;
            case SHA1 -> software.amazon.awssdk.services.s3.model.ChecksumAlgorithm.SHA1;
            case SHA256 -> software.amazon.awssdk.services.s3.model.ChecksumAlgorithm.SHA256;
        };
    }

    private static void applyAttributes(ObjectAttributes a, java.util.function.Consumer<String> contentType,
                                        java.util.function.Consumer<String> contentEncoding, java.util.function.Consumer<String> contentDisposition,
                                        java.util.function.Consumer<String> contentLanguage, java.util.function.Consumer<String> cacheControl,
                                        java.util.function.Consumer<Instant> expires, java.util.function.Consumer<Map<String, String>> metadata) {
        if (a.contentType() != null) contentType.accept(a.contentType());
        if (a.contentEncoding() != null) contentEncoding.accept(a.contentEncoding());
        if (a.contentDisposition() != null) contentDisposition.accept(a.contentDisposition());
        if (a.contentLanguage() != null) contentLanguage.accept(a.contentLanguage());
        if (a.cacheControl() != null) cacheControl.accept(a.cacheControl());
        if (a.expires() != null) {
            Instant t = io.flashback.bridge.s3.ObjectHeaders.parseHttpDate(a.expires());
            if (t != null) expires.accept(t);
        }
        if (!a.userMetadata().isEmpty()) metadata.accept(a.userMetadata());
    }

    private static String tagging(Map<String, String> tags) {
        return tags.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String stripQuotes(String etag) {
        if (etag == null) return "";
        return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"") ? etag.substring(1, etag.length() - 1) : etag;
    }
}
