package io.flashback.bridge.storage;

import io.flashback.bridge.grants.Grant;
import io.flashback.bridge.s3.S3ErrorCode;
import io.flashback.bridge.s3.S3Exception;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The store as one grant sees it: writes that would take the grant's buckets past its quota fail
 * with QuotaExceeded. The quota counts what is really stored (issue #13, H2): completed objects,
 * the staged parts of unfinished multipart uploads, and the bytes of writes in flight, which are
 * reserved as they arrive — the declared length up front (so a body that cannot fit is refused
 * before a byte is stored), then whatever the decoded body turns out to hold beyond it (a gzip or
 * chunked body without a trustworthy length is refused part-way and nothing of it is kept).
 * Reservations are shared by all views of a grant, so concurrent uploads cannot overshoot together.
 */
public final class QuotaObjectStore extends ForwardingObjectStore {
    /** A body of unknown size reserves in steps of this much, so the quota is not summed for every buffer. */
    private static final long STEP = 1L << 20;

    private final Grant grant;
    private final AtomicLong reserved;

    /** Reservations of writes in flight, per access key; shared by all views. */
    public static final class Reservations {
        private final ConcurrentHashMap<String, AtomicLong> byKey = new ConcurrentHashMap<>();

        AtomicLong of(Grant g) {
            return byKey.computeIfAbsent(g.accessKey(), k -> new AtomicLong());
        }

        /** Bytes reserved for an access key's writes in flight now (0 once they have all ended). */
        public long reservedFor(String accessKey) {
            AtomicLong r = byKey.get(accessKey);
            return r == null ? 0 : r.get();
        }
    }

    public QuotaObjectStore(ObjectStore delegate, Grant grant, Reservations reservations) {
        super(delegate);
        this.grant = grant;
        this.reserved = reservations.of(grant);
    }

    /** Bytes stored in every bucket the grant covers: completed objects and staged multipart parts. */
    public long used() {
        long total = 0;
        for (BucketInfo b : delegate.listBuckets()) {
            if (grant.covers(b.name())) {
                total += delegate.usedBytes(b.name()) + delegate.stagedBytes(b.name());
            }
        }
        return total;
    }

    /** Bytes held against the grant's quota for one write (or one staging area), until closed. */
    public final class Reservation implements AutoCloseable {
        private long held;

        private Reservation() {}

        /** Makes sure at least {@code bytes} are held; QuotaExceeded when the grant has no room for them. */
        public synchronized void cover(long bytes) {
            if (bytes <= held) {
                return;
            }
            long need = bytes - held;
            long step = Math.max(need, STEP);
            if (tryReserve(step)) {
                held += step;
            } else if (step > need && tryReserve(need)) {
                held += need;
            } else {
                throw quotaExceeded(bytes);
            }
        }

        /** Bytes held now. */
        public synchronized long held() {
            return held;
        }

        /** Gives the bytes back (the write ended: stored bytes are counted as stored from now on). */
        @Override
        public synchronized void close() {
            reserved.addAndGet(-held);
            held = 0;
        }
    }

    /** An empty reservation of this grant; {@link Reservation#cover} grows it. */
    public Reservation reservation() {
        return new Reservation();
    }

    private boolean tryReserve(long bytes) {
        long after = used() + reserved.addAndGet(bytes);
        if (after > grant.quotaBytes()) {
            reserved.addAndGet(-bytes);
            return false;
        }
        return true;
    }

    private S3Exception quotaExceeded(long bytes) {
        return S3ErrorCode.QUOTA_EXCEEDED.exception("This upload of " + bytes + " bytes would exceed the grant's quota of "
                + grant.quotaBytes() + " bytes.");
    }

    @Override
    public ObjectInfo put(String bucket, String key, ObjectBody body, ObjectAttributes attributes) {
        try (Reservation r = reservation()) {
            r.cover(body.expectedSize());
            body.guardedBy(r::cover);
            return delegate.put(bucket, key, body, attributes);
        }
    }

    /** A staged part counts against the quota from the moment it is stored (as staged bytes of the store). */
    @Override
    public PartInfo putPart(String bucket, String key, String uploadId, int partNumber, ObjectBody body) {
        try (Reservation r = reservation()) {
            r.cover(body.expectedSize());
            body.guardedBy(r::cover);
            return delegate.putPart(bucket, key, uploadId, partNumber, body);
        }
    }

    // completeUpload needs no reservation: its parts are counted already, and the object it makes
    // is never larger than they are (parts left out are dropped with the upload)
}
