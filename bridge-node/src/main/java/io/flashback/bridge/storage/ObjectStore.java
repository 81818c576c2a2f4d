package io.flashback.bridge.storage;

import java.util.List;
import java.util.Optional;

/**
 * The one storage interface. Backends ({@link FilesystemObjectStore}, {@link S3ObjectStore},
 * {@link GcsObjectStore}) implement it; middlewares (quota, metering) wrap it. Failures are
 * reported as {@code S3Exception} with the S3 error code the client should see.
 */
public interface ObjectStore extends AutoCloseable {

    List<BucketInfo> listBuckets();

    Optional<BucketInfo> bucket(String bucket);

    /** Throws BucketAlreadyExists if the name is taken. */
    BucketInfo createBucket(String bucket, String owner);

    /** Throws NoSuchBucket or BucketNotEmpty. */
    void deleteBucket(String bucket);

    /** Bytes stored in a bucket (completed objects). */
    long usedBytes(String bucket);

    /**
     * Bytes held in the parts of a bucket's multipart uploads that are neither completed nor
     * aborted. They take space as much as objects do, so quotas count them (issue #13, H2). This
     * default lists every upload and its parts; a backend that can keep the sum does better.
     */
    default long stagedBytes(String bucket) {
        long total = 0;
        for (UploadInfo u : listUploads(bucket, null)) {
            try {
                for (PartInfo p : listParts(bucket, u.key(), u.uploadId())) total += p.size();
            } catch (io.flashback.bridge.s3.S3Exception gone) {
                // completed or aborted while counting
            }
        }
        return total;
    }

    /** Stores the body atomically; the body must be read to its end, which runs its integrity checks. */
    ObjectInfo put(String bucket, String key, ObjectBody body, ObjectAttributes attributes);

    /** Throws NoSuchBucket / NoSuchKey. */
    ObjectHandle open(String bucket, String key);

    default ObjectInfo head(String bucket, String key) {
        try (ObjectHandle h = open(bucket, key)) {
            return h.info();
        }
    }

    /** Replaces user-settable attributes (tags, metadata) keeping the bytes. */
    ObjectInfo updateAttributes(String bucket, String key, ObjectAttributes attributes);

    /** Idempotent: deleting a missing key succeeds. */
    void delete(String bucket, String key);

    ListPage list(String bucket, ListQuery query);

    UploadInfo createUpload(String bucket, String key, ObjectAttributes attributes, ChecksumAlgorithm checksumAlgorithm);

    UploadInfo upload(String bucket, String key, String uploadId);

    PartInfo putPart(String bucket, String key, String uploadId, int partNumber, ObjectBody body);

    List<PartInfo> listParts(String bucket, String key, String uploadId);

    ObjectInfo completeUpload(String bucket, String key, String uploadId, List<CompletedPart> parts);

    void abortUpload(String bucket, String key, String uploadId);

    List<UploadInfo> listUploads(String bucket, String prefix);

    @Override
    default void close() {}
}
