package io.flashback.bridge.storage;

import io.flashback.bridge.grants.Grant;
import io.flashback.bridge.s3.S3ErrorCode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The store as one grant sees it: writes that would take the grant's buckets past its quota
 * fail with QuotaExceeded before a byte is stored. Bytes of uploads in flight are reserved, so
 * concurrent uploads cannot overshoot together.
 */
public final class QuotaObjectStore extends ForwardingObjectStore {
    private final Grant grant;
    private final AtomicLong reserved;

    /** Reservations of uploads in flight, per access key; shared by all views. */
    public static final class Reservations {
        private final ConcurrentHashMap<String, AtomicLong> byKey = new ConcurrentHashMap<>();

        AtomicLong of(Grant g) {
            return byKey.computeIfAbsent(g.accessKey(), k -> new AtomicLong());
        }
    }

    public QuotaObjectStore(ObjectStore delegate, Grant grant, Reservations reservations) {
        super(delegate);
        this.grant = grant;
        this.reserved = reservations.of(grant);
    }

    /** Bytes stored in every bucket the grant covers. */
    public long used() {
        long total = 0;
        for (BucketInfo b : delegate.listBuckets()) if (grant.covers(b.name())) total += delegate.usedBytes(b.name());
        return total;
    }

    private void reserve(long bytes) {
        if (bytes < 0) return;
        long after = used() + reserved.addAndGet(bytes);
        if (after > grant.quotaBytes()) {
            reserved.addAndGet(-bytes);
            throw S3ErrorCode.QUOTA_EXCEEDED.exception("This upload of " + bytes + " bytes would exceed the grant's quota of "
                    + grant.quotaBytes() + " bytes.");
        }
    }

    @Override
    public ObjectInfo put(String bucket, String key, ObjectBody body, ObjectAttributes attributes) {
        long bytes = body.expectedSize();
        reserve(bytes);
        try {
            return delegate.put(bucket, key, body, attributes);
        } finally {
            reserved.addAndGet(-bytes);
        }
    }

    @Override
    public PartInfo putPart(String bucket, String key, String uploadId, int partNumber, ObjectBody body) {
        long bytes = body.expectedSize();
        reserve(bytes);
        try {
            return delegate.putPart(bucket, key, uploadId, partNumber, body);
        } finally {
            reserved.addAndGet(-bytes);
        }
    }

    @Override
    public ObjectInfo completeUpload(String bucket, String key, String uploadId, List<CompletedPart> parts) {
        Map<Integer, Long> sizes = new HashMap<>();
        for (PartInfo p : delegate.listParts(bucket, key, uploadId)) sizes.put(p.partNumber(), p.size());
        long total = parts.stream().mapToLong(p -> sizes.getOrDefault(p.partNumber(), 0L)).sum();
        reserve(total);
        try {
            return delegate.completeUpload(bucket, key, uploadId, parts);
        } finally {
            reserved.addAndGet(-total);
        }
    }
}
