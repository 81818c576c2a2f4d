package io.flashback.bridge.storage;

import java.util.List;
import java.util.Optional;

/** Base of the middlewares: forwards everything, subclasses override what they add behaviour to. */
public abstract class ForwardingObjectStore implements ObjectStore {
    protected final ObjectStore delegate;

    protected ForwardingObjectStore(ObjectStore delegate) {
        this.delegate = delegate;
    }

    public List<BucketInfo> listBuckets() { return delegate.listBuckets(); }

    public Optional<BucketInfo> bucket(String bucket) { return delegate.bucket(bucket); }

    public BucketInfo createBucket(String bucket, String owner) { return delegate.createBucket(bucket, owner); }

    public void deleteBucket(String bucket) { delegate.deleteBucket(bucket); }

    public long usedBytes(String bucket) { return delegate.usedBytes(bucket); }

    public long stagedBytes(String bucket) { return delegate.stagedBytes(bucket); }

    public ObjectInfo put(String bucket, String key, ObjectBody body, ObjectAttributes attributes) {
        return delegate.put(bucket, key, body, attributes);
    }

    public ObjectHandle open(String bucket, String key) { return delegate.open(bucket, key); }

    public ObjectInfo updateAttributes(String bucket, String key, ObjectAttributes attributes) {
        return delegate.updateAttributes(bucket, key, attributes);
    }

    public void delete(String bucket, String key) { delegate.delete(bucket, key); }

    public ListPage list(String bucket, ListQuery query) { return delegate.list(bucket, query); }

    public UploadInfo createUpload(String bucket, String key, ObjectAttributes attributes, ChecksumAlgorithm algorithm) {
        return delegate.createUpload(bucket, key, attributes, algorithm);
    }

    public UploadInfo upload(String bucket, String key, String uploadId) { return delegate.upload(bucket, key, uploadId); }

    public PartInfo putPart(String bucket, String key, String uploadId, int partNumber, ObjectBody body) {
        return delegate.putPart(bucket, key, uploadId, partNumber, body);
    }

    public List<PartInfo> listParts(String bucket, String key, String uploadId) { return delegate.listParts(bucket, key, uploadId); }

    public ObjectInfo completeUpload(String bucket, String key, String uploadId, List<CompletedPart> parts) {
        return delegate.completeUpload(bucket, key, uploadId, parts);
    }

    public void abortUpload(String bucket, String key, String uploadId) { delegate.abortUpload(bucket, key, uploadId); }

    public List<UploadInfo> listUploads(String bucket, String prefix) { return delegate.listUploads(bucket, prefix); }

    public void close() { delegate.close(); }
}
