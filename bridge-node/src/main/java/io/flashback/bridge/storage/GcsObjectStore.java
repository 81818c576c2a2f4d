package io.flashback.bridge.storage;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.ReadChannel;
import com.google.cloud.ServiceOptions;
import com.google.cloud.WriteChannel;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Bucket;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import com.google.cloud.storage.StorageOptions;
import io.flashback.bridge.s3.S3ErrorCode;
import io.flashback.bridge.s3.S3Exception;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Fronts a provider's Google Cloud Storage (or another node's GCS JSON API) with the official
 * google-cloud-storage client, streaming bodies through. What GCS does not have is mapped:
 * S3 tags, additional checksums and multipart ETags ride in reserved object metadata keys
 * ({@code flashback-*}); multipart parts are staged durably on the local disk (a
 * {@link FilesystemObjectStore} under the data directory) and streamed up as one object on
 * completion, which GCS commits atomically.
 */
public final class GcsObjectStore implements ObjectStore {
    private static final String TAG = "flashback-tag-";
    private static final String CHECKSUM = "flashback-checksum-";
    private static final String ETAG = "flashback-etag";
    private static final String PARTS = "flashback-parts";
    private static final String EXPIRES = "flashback-expires";
    private static final int CHUNK = 8 * 1024 * 1024;
    private static final long STAGING_MIN_PART = 5L * 1024 * 1024;

    private final Storage storage;
    private final FilesystemObjectStore staging;
    private final Clock clock;
    private final ConcurrentHashMap<String, AtomicLong> usage = new ConcurrentHashMap<>();
    private final Map<String, String> owners = new ConcurrentHashMap<>();

    /**
     * @param accessKey with {@code secret}: the upstream is a Flashback node, authenticate with its derived bearer
     *                  token; null: application default credentials (a real GCS project)
     */
    public GcsObjectStore(URI endpoint, String project, String accessKey, String secret, Path dataDir, Clock clock) {
        this.clock = clock;
        StorageOptions.Builder b = StorageOptions.http().setProjectId(project == null ? "flashback" : project)
                .setRetrySettings(ServiceOptions.getNoRetrySettings());
        if (endpoint != null) b.setHost(endpoint.toString());
        try {
            b.setCredentials(accessKey != null
                    // short-lived tokens, minted again before they expire: the upstream node refuses expired ones
                    ? io.flashback.bridge.gcs.GcsTokens.credentials(accessKey, secret, clock, java.time.Duration.ofMinutes(15))
                    : GoogleCredentials.getApplicationDefault());
        } catch (IOException e) {
            throw new UncheckedIOException("no Google application default credentials", e);
        }
        this.storage = b.build().getService();
        this.staging = new FilesystemObjectStore(dataDir.resolve("gcs-multipart-staging"), clock, STAGING_MIN_PART);
    }


    private <T> T call(Supplier<T> c) {
        try {
            return c.get();
        } catch (StorageException e) {
            for (Throwable t = e; t != null; t = t.getCause()) if (t instanceof S3Exception ours) throw ours;
            throw switch (e.getCode()) {
                case 404 -> S3ErrorCode.NO_SUCH_KEY.exception();
                case 409 -> S3ErrorCode.BUCKET_NOT_EMPTY.exception();
                case 412 -> S3ErrorCode.PRECONDITION_FAILED.exception();
                case 403, 401 -> S3ErrorCode.ACCESS_DENIED.exception("The upstream storage refused the node's credentials.");
                default -> new S3Exception(S3ErrorCode.SERVICE_UNAVAILABLE, "The upstream storage failed: " + e.getMessage(), e);
            };
        }
    }

    // ---------------------------------------------------------------- buckets

    @Override
    public List<BucketInfo> listBuckets() {
        List<BucketInfo> out = new ArrayList<>();
        call(() -> storage.list().iterateAll()).forEach(b -> out.add(info(b)));
        return out;
    }

    private BucketInfo info(Bucket b) {
        Instant created = b.getCreateTimeOffsetDateTime() == null ? Instant.EPOCH : b.getCreateTimeOffsetDateTime().toInstant();
        return new BucketInfo(b.getName(), owners.getOrDefault(b.getName(), ""), created);
    }

    @Override
    public Optional<BucketInfo> bucket(String bucket) {
        return Optional.ofNullable(call(() -> storage.get(bucket))).map(this::info);
    }

    @Override
    public BucketInfo createBucket(String bucket, String owner) {
        try {
            Bucket b = call(() -> storage.create(com.google.cloud.storage.BucketInfo.of(bucket)));
            owners.put(bucket, owner);
            return info(b);
        } catch (S3Exception e) {
            if (e.code() == S3ErrorCode.BUCKET_NOT_EMPTY) throw S3ErrorCode.BUCKET_ALREADY_EXISTS.exception();
            throw e;
        }
    }

    @Override
    public void deleteBucket(String bucket) {
        try {
            if (!call(() -> storage.delete(bucket))) throw S3ErrorCode.NO_SUCH_BUCKET.exception();
        } catch (S3Exception e) {
            if (e.code() == S3ErrorCode.NO_SUCH_KEY) throw S3ErrorCode.NO_SUCH_BUCKET.exception();
            throw e;
        }
        usage.remove(bucket);
        owners.remove(bucket);
    }

    @Override
    public long usedBytes(String bucket) {
        return usage.computeIfAbsent(bucket, b -> {
            long total = 0;
            for (Blob blob : call(() -> storage.list(b).iterateAll())) total += blob.getSize();
            return new AtomicLong(total);
        }).get();
    }

    private void adjust(String bucket, long delta) {
        AtomicLong u = usage.get(bucket);
        if (u != null) u.addAndGet(delta);
    }

    private Bucket requireBucket(String bucket) {
        Bucket b = call(() -> storage.get(bucket));
        if (b == null) throw S3ErrorCode.NO_SUCH_BUCKET.exception().with("BucketName", bucket);
        return b;
    }

    // ---------------------------------------------------------------- objects

    @Override
    public ObjectInfo put(String bucket, String key, ObjectBody body, ObjectAttributes attributes) {
        return upload(bucket, key, body, attributes, null, List.of(), null);
    }

    private ObjectInfo upload(String bucket, String key, InputStream in, ObjectAttributes attributes, String etagOverride,
                              List<Long> partSizes, Map<ChecksumAlgorithm, String> checksumsOverride) {
        requireBucket(bucket);
        long previous = sizeIfPresent(bucket, key);
        BlobInfo pending = blobInfo(BlobId.of(bucket, key), attributes, Map.of(), etagOverride, partSizes);
        long size = 0;
        Blob blob;
        // close() commits the upload: it is called only once the whole body passed its checks, so a
        // failed body leaves no object upstream (the unfinished resumable session simply expires)
        WriteChannel w = call(() -> storage.writer(pending));
        try {
            w.setChunkSize(CHUNK);
            byte[] buf = new byte[256 * 1024];
            int n;
            while ((n = in.read(buf)) >= 0) {
                ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
                while (bb.hasRemaining()) w.write(bb);
                size += n;
            }
            w.close();
        } catch (IOException e) {
            for (Throwable t = e; t != null; t = t.getCause()) if (t instanceof S3Exception ours) throw ours;
            throw new S3Exception(S3ErrorCode.SERVICE_UNAVAILABLE, "The upstream upload failed: " + e.getMessage(), e);
        }
        Map<ChecksumAlgorithm, String> checksums = checksumsOverride != null ? checksumsOverride
                : in instanceof ObjectBody ob ? ob.checksums() : Map.of();
        if (!checksums.isEmpty() || etagOverride != null) {
            // the S3 checksums are known only now: record them in the metadata
            blob = call(() -> storage.update(blobInfo(BlobId.of(bucket, key), attributes, checksums, etagOverride, partSizes)));
        } else {
            blob = call(() -> storage.get(BlobId.of(bucket, key)));
        }
        adjust(bucket, size - previous);
        return info(blob);
    }

    private long sizeIfPresent(String bucket, String key) {
        if (!usage.containsKey(bucket)) return 0;
        Blob b = call(() -> storage.get(BlobId.of(bucket, key)));
        return b == null ? 0 : b.getSize();
    }

    private static BlobInfo blobInfo(BlobId id, ObjectAttributes a, Map<ChecksumAlgorithm, String> checksums, String etag,
                                     List<Long> partSizes) {
        Map<String, String> meta = new LinkedHashMap<>(a.userMetadata());
        a.tags().forEach((k, v) -> meta.put(TAG + k, v));
        checksums.forEach((alg, v) -> meta.put(CHECKSUM + alg.name().toLowerCase(java.util.Locale.ROOT), v));
        if (etag != null) meta.put(ETAG, etag);
        if (a.expires() != null) meta.put(EXPIRES, a.expires());
        if (!partSizes.isEmpty()) meta.put(PARTS, partSizes.stream().map(String::valueOf).reduce((x, y) -> x + "," + y).orElse(""));
        return BlobInfo.newBuilder(id).setContentType(a.contentType()).setContentEncoding(a.contentEncoding())
                .setContentDisposition(a.contentDisposition()).setContentLanguage(a.contentLanguage())
                .setCacheControl(a.cacheControl()).setMetadata(meta.isEmpty() ? null : meta).build();
    }

    private ObjectInfo info(Blob b) {
        Map<String, String> user = new LinkedHashMap<>();
        Map<String, String> tags = new LinkedHashMap<>();
        Map<ChecksumAlgorithm, String> checksums = new EnumMap<>(ChecksumAlgorithm.class);
        String etag = null;
        List<Long> parts = List.of();
        String expires = null;
        if (b.getMetadata() != null) {
            for (Map.Entry<String, String> e : b.getMetadata().entrySet()) {
                String k = e.getKey();
                if (e.getValue() == null) continue;
                if (k.startsWith(TAG)) tags.put(k.substring(TAG.length()), e.getValue());
                else if (k.startsWith(CHECKSUM)) ChecksumAlgorithm.fromName(k.substring(CHECKSUM.length())).ifPresent(a -> checksums.put(a, e.getValue()));
                else if (k.equals(ETAG)) etag = e.getValue();
                else if (k.equals(EXPIRES)) expires = e.getValue();
                else if (k.equals(PARTS)) parts = java.util.Arrays.stream(e.getValue().split(",")).map(Long::parseLong).toList();
                else user.put(k, e.getValue());
            }
        }
        if (etag == null) etag = b.getMd5() != null ? HexFormat.of().formatHex(Base64.getDecoder().decode(b.getMd5())) : b.getEtag();
        Instant updated = b.getUpdateTimeOffsetDateTime() != null ? b.getUpdateTimeOffsetDateTime().toInstant() : clock.instant();
        ObjectAttributes attrs = new ObjectAttributes(b.getContentType(), b.getContentEncoding(), b.getContentDisposition(),
                b.getContentLanguage(), b.getCacheControl(), expires, user, tags);
        boolean composite = checksums.values().stream().anyMatch(v -> v.contains("-"));
        return new ObjectInfo(b.getName(), b.getSize(), etag, updated, attrs, checksums,
                checksums.isEmpty() ? null : composite ? "COMPOSITE" : "FULL_OBJECT", b.getCrc32c(), parts);
    }

    @Override
    public ObjectHandle open(String bucket, String key) {
        requireBucket(bucket);
        Blob blob = call(() -> storage.get(BlobId.of(bucket, key)));
        if (blob == null) throw S3ErrorCode.NO_SUCH_KEY.exception();
        ObjectInfo info = info(blob);
        BlobId pinned = BlobId.of(bucket, key, blob.getGeneration());
        return new ObjectHandle() {
            public ObjectInfo info() {
                return info;
            }

            public ObjectContent content(long offset, long length) {
                if (length == 0) return new ObjectContent.Stream(InputStream.nullInputStream(), 0);
                ReadChannel r = call(() -> storage.reader(pinned));
                try {
                    r.seek(offset);
                    r.limit(offset + length);
                } catch (IOException e) {
                    throw new S3Exception(S3ErrorCode.SERVICE_UNAVAILABLE, "The upstream read failed", e);
                }
                return new ObjectContent.Stream(Channels.newInputStream(r), length);
            }

            public void close() {
                // nothing held before content()
            }
        };
    }

    /** A rewrite of the object onto itself with the new metadata: replaces it whole, as S3 does, on any GCS. */
    @Override
    public ObjectInfo updateAttributes(String bucket, String key, ObjectAttributes attributes) {
        Blob current = call(() -> storage.get(BlobId.of(bucket, key)));
        if (current == null) throw S3ErrorCode.NO_SUCH_KEY.exception();
        ObjectInfo old = info(current);
        BlobInfo next = blobInfo(BlobId.of(bucket, key), attributes, old.checksums(),
                current.getMetadata() == null ? null : current.getMetadata().get(ETAG), old.partSizes());
        Storage.CopyRequest copy = Storage.CopyRequest.newBuilder().setSource(current.getBlobId())
                .setSourceOptions(Storage.BlobSourceOption.generationMatch(current.getGeneration())).setTarget(next).build();
        return info(call(() -> storage.copy(copy).getResult()));
    }

    @Override
    public void delete(String bucket, String key) {
        requireBucket(bucket);
        long previous = sizeIfPresent(bucket, key);
        call(() -> storage.delete(BlobId.of(bucket, key)));
        adjust(bucket, -previous);
    }

    @Override
    public ListPage list(String bucket, ListQuery q) {
        requireBucket(bucket);
        if (q.maxKeys() <= 0) return new ListPage(List.of(), List.of(), false, null);
        String start = q.startAfter();
        if (q.delimiter() != null && start.endsWith(q.delimiter()) && start.startsWith(q.prefix())) {
            String bound = KeyOrder.prefixUpperBound(start);
            start = bound == null ? start : bound;
        }
        List<Storage.BlobListOption> options = new ArrayList<>();
        if (!q.prefix().isEmpty()) options.add(Storage.BlobListOption.prefix(q.prefix()));
        if (q.delimiter() != null) options.add(Storage.BlobListOption.delimiter(q.delimiter()));
        if (KeyOrder.INSTANCE.compare(start, q.prefix()) > 0) options.add(Storage.BlobListOption.startOffset(start));
        options.add(Storage.BlobListOption.pageSize(Math.min(1000, q.maxKeys() + 1)));
        String after = q.startAfter();
        List<String> names = new ArrayList<>();
        Map<String, ObjectSummary> objects = new HashMap<>();
        for (Blob b : call(() -> storage.list(bucket, options.toArray(Storage.BlobListOption[]::new)).iterateAll())) {
            if (!after.isEmpty() && KeyOrder.INSTANCE.compare(b.getName(), after) <= 0) continue;
            names.add(b.getName());
            if (!b.isDirectory()) {
                ObjectInfo i = info(b);
                objects.put(b.getName(), new ObjectSummary(i.key(), i.size(), i.etag(), i.lastModified()));
            }
            if (names.size() > q.maxKeys()) break;
        }
        names.sort(KeyOrder.INSTANCE);
        boolean truncated = names.size() > q.maxKeys();
        List<String> page = names.subList(0, Math.min(names.size(), q.maxKeys()));
        List<ObjectSummary> os = new ArrayList<>();
        List<String> ps = new ArrayList<>();
        for (String n : page) {
            if (objects.containsKey(n)) os.add(objects.get(n));
            else ps.add(n);
        }
        return new ListPage(os, ps, truncated, truncated ? page.get(page.size() - 1) : null);
    }

    // ---------------------------------------------------------------- multipart, staged locally

    private void ensureStagingBucket(String bucket) {
        requireBucket(bucket);
        if (staging.bucket(bucket).isEmpty()) {
            try {
                staging.createBucket(bucket, "staging");
            } catch (S3Exception e) {
                if (e.code() != S3ErrorCode.BUCKET_ALREADY_EXISTS) throw e;
            }
        }
    }

    @Override
    public UploadInfo createUpload(String bucket, String key, ObjectAttributes attributes, ChecksumAlgorithm algorithm) {
        ensureStagingBucket(bucket);
        return staging.createUpload(bucket, key, attributes, algorithm);
    }

    /** Parts are staged on the local disk until the upload completes: the staging store keeps their sum. */
    @Override
    public long stagedBytes(String bucket) {
        return staging.bucket(bucket).isEmpty() ? 0 : staging.stagedBytes(bucket);
    }

    @Override
    public UploadInfo upload(String bucket, String key, String uploadId) {
        if (staging.bucket(bucket).isEmpty()) throw S3ErrorCode.NO_SUCH_UPLOAD.exception();
        return staging.upload(bucket, key, uploadId);
    }

    @Override
    public PartInfo putPart(String bucket, String key, String uploadId, int partNumber, ObjectBody body) {
        upload(bucket, key, uploadId);
        return staging.putPart(bucket, key, uploadId, partNumber, body);
    }

    @Override
    public List<PartInfo> listParts(String bucket, String key, String uploadId) {
        upload(bucket, key, uploadId);
        return staging.listParts(bucket, key, uploadId);
    }

    @Override
    public ObjectInfo completeUpload(String bucket, String key, String uploadId, List<CompletedPart> parts) {
        upload(bucket, key, uploadId);
        ObjectInfo assembled = staging.completeUpload(bucket, key, uploadId, parts);
        try (ObjectHandle h = staging.open(bucket, key);
             InputStream in = ContentStreams.open(h.content(0, assembled.size()))) {
            return upload(bucket, key, in, assembled.attributes(), assembled.etag(), assembled.partSizes(), assembled.checksums());
        } catch (IOException e) {
            throw new S3Exception(S3ErrorCode.SERVICE_UNAVAILABLE, "The upstream upload failed", e);
        } finally {
            staging.delete(bucket, key);
        }
    }

    @Override
    public void abortUpload(String bucket, String key, String uploadId) {
        upload(bucket, key, uploadId);
        staging.abortUpload(bucket, key, uploadId);
    }

    @Override
    public List<UploadInfo> listUploads(String bucket, String prefix) {
        requireBucket(bucket);
        return staging.bucket(bucket).isEmpty() ? List.of() : staging.listUploads(bucket, prefix);
    }

    @Override
    public void close() {
        try {
            storage.close();
        } catch (Exception ignored) {
            // shutting down
        }
        staging.close();
    }
}
