package io.flashback.bridge.storage;

import io.flashback.bridge.s3.S3ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * An upload body that hashes each byte once as it streams past: MD5 (the ETag), CRC32C (kept for
 * every object) and whichever additional checksums were asked for. When the last byte has been
 * read the registered checks run (Content-MD5, x-amz-checksum-*, x-amz-content-sha256, length);
 * a failed check throws from {@code read}, so a backend that copies until EOF never commits a
 * body that failed its integrity checks.
 */
public final class ObjectBody extends InputStream {
    private final InputStream in;
    private final long length;
    private final MessageDigest md5 = ChecksumAlgorithm.digest("MD5");
    private final CRC32C crc32c = new CRC32C();
    private final EnumMap<ChecksumAlgorithm, ChecksumAlgorithm.Hasher> hashers = new EnumMap<>(ChecksumAlgorithm.class);
    private final EnumMap<ChecksumAlgorithm, byte[]> results = new EnumMap<>(ChecksumAlgorithm.class);
    private final List<Consumer<ObjectBody>> checks = new ArrayList<>();
    private byte[] md5Result;
    private final java.util.Set<ChecksumAlgorithm> stored = java.util.EnumSet.noneOf(ChecksumAlgorithm.class);
    private long count;
    private boolean finished;

    public ObjectBody(InputStream in, long length) {
        this.in = in;
        this.length = length;
    }

    /**
     * Large bodies hash on a second thread: the reading thread (which also verifies SigV4 chunk
     * signatures) hands each block over, so MD5 — the slowest digest — does not add to its work.
     */
    private static final long PARALLEL_HASHING_FROM = 4L * 1024 * 1024;
    private static final byte[] END_OF_BODY = new byte[0];
    private java.util.concurrent.BlockingQueue<byte[]> toHash;
    private Thread hasher;
    private volatile RuntimeException hasherFailure;

    private void hash(byte[] b, int off, int n) {
        md5.update(b, off, n);
        crc32c.update(b, off, n);
        for (ChecksumAlgorithm.Hasher h : hashers.values()) h.update(b, off, n);
    }

    private void startHasher() {
        toHash = new java.util.concurrent.ArrayBlockingQueue<>(16);
        hasher = Thread.ofVirtual().name("body-hasher").start(() -> {
            try {
                while (true) {
                    // an abandoned body (client gone) must not keep this thread forever
                    byte[] block = toHash.poll(5, java.util.concurrent.TimeUnit.MINUTES);
                    if (block == null || block == END_OF_BODY) return;
                    hash(block, 0, block.length);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                hasherFailure = e;
            }
        });
    }

    private void handOver(byte[] b, int off, int n) throws IOException {
        if (hasher == null) startHasher();
        try {
            toHash.put(java.util.Arrays.copyOfRange(b, off, off + n));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while hashing the body");
        }
    }

    private void awaitHasher() {
        if (hasher == null) return;
        try {
            toHash.put(END_OF_BODY);
            hasher.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hashing the body");
        }
        if (hasherFailure != null) throw hasherFailure;
    }

    public static ObjectBody of(byte[] bytes) {
        return new ObjectBody(new java.io.ByteArrayInputStream(bytes), bytes.length);
    }

    /** Declared length in bytes; -1 if unknown. */
    public long length() { return length; }

    private long sizeHint = -1;

    /** An upper bound of the size when the exact length is unknown (e.g. the whole multipart/related request). */
    public ObjectBody withSizeHint(long bytes) {
        this.sizeHint = bytes;
        return this;
    }

    /** Bytes to reserve against a quota: the length, else the hint, else 0. */
    public long expectedSize() {
        return length >= 0 ? length : Math.max(0, sizeHint);
    }

    /** Computes a checksum the client asked for: it is stored with the object and returned. */
    public ObjectBody computing(ChecksumAlgorithm algorithm) {
        if (algorithm == null) return this;
        stored.add(algorithm);
        return hashing(algorithm);
    }

    /** Computes a digest only to verify the body (e.g. x-amz-content-sha256); not stored. */
    public ObjectBody hashing(ChecksumAlgorithm algorithm) {
        if (algorithm != null && algorithm != ChecksumAlgorithm.CRC32C) hashers.putIfAbsent(algorithm, algorithm.newHasher());
        return this;
    }

    private java.util.function.LongConsumer guard;

    /**
     * Runs with the number of bytes read so far, each time more arrive and before they are handed
     * on; it may throw to refuse the body part-way (a quota counting the bytes really stored, which
     * a declared or compressed length does not tell). The store then fails the write as for a
     * broken body and keeps nothing of it.
     */
    public ObjectBody guardedBy(java.util.function.LongConsumer bytesSoFar) {
        java.util.function.LongConsumer previous = guard;
        guard = previous == null ? bytesSoFar : previous.andThen(bytesSoFar);
        return this;
    }

    public ObjectBody verifying(Consumer<ObjectBody> check) {
        checks.add(check);
        return this;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (finished) return -1;
        int n;
        try {
            n = in.read(b, off, len);
        } catch (IOException | RuntimeException e) {
            if (hasher != null) toHash.offer(END_OF_BODY); // the body is abandoned: let the hasher go
            throw e;
        }
        if (n < 0) {
            finish();
            return -1;
        }
        if (n > 0) {
            if (guard != null) {
                try {
                    guard.accept(count + n);
                } catch (RuntimeException e) {
                    if (hasher != null) toHash.offer(END_OF_BODY);
                    throw e;
                }
            }
            if (length >= PARALLEL_HASHING_FROM) handOver(b, off, n);
            else hash(b, off, n);
            count += n;
            if (length >= 0 && count > length) {
                throw S3ErrorCode.INVALID_REQUEST.exception("The request body is longer than its declared length.");
            }
            if (count == length) {
                // consumers such as the AWS SDK stop at the declared length: check now, before the last bytes
                // are handed over, so a body that fails a check never reaches any store complete
                try {
                    if (in.read() >= 0) throw S3ErrorCode.INVALID_REQUEST.exception("The request body is longer than its declared length.");
                } catch (IOException | RuntimeException e) {
                    if (hasher != null) toHash.offer(END_OF_BODY);
                    throw e;
                }
                finish();
            }
        }
        return n;
    }

    private void finish() {
        finished = true;
        awaitHasher();
        md5Result = md5.digest();
        hashers.forEach((alg, h) -> results.put(alg, h.digest()));
        if (length >= 0 && count != length) throw S3ErrorCode.INCOMPLETE_BODY.exception();
        for (Consumer<ObjectBody> check : checks) check.accept(this);
    }

    public boolean finished() { return finished; }

    public long count() { return count; }

    public byte[] md5() {
        requireFinished();
        return md5Result;
    }

    public String md5Hex() { return java.util.HexFormat.of().formatHex(md5()); }

    public long crc32cValue() { return crc32c.getValue(); }

    public String crc32cBase64() {
        long v = crc32c.getValue();
        return Base64.getEncoder().encodeToString(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
    }

    /** Raw digest of an algorithm registered with {@link #computing}. */
    public byte[] digest(ChecksumAlgorithm algorithm) {
        requireFinished();
        if (algorithm == ChecksumAlgorithm.CRC32C) {
            long v = crc32c.getValue();
            return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
        }
        byte[] d = results.get(algorithm);
        if (d == null) throw new IllegalStateException(algorithm + " was not computed");
        return d;
    }

    /** The requested checksums, base64 as S3 shows them. */
    public Map<ChecksumAlgorithm, String> checksums() {
        requireFinished();
        Map<ChecksumAlgorithm, String> out = new EnumMap<>(ChecksumAlgorithm.class);
        for (ChecksumAlgorithm alg : stored) out.put(alg, Base64.getEncoder().encodeToString(digest(alg)));
        return out;
    }

    /** The additional checksums asked of this body (what an upstream should verify and store too). */
    public java.util.Set<ChecksumAlgorithm> requested() {
        return java.util.Collections.unmodifiableSet(stored);
    }

    public boolean computes(ChecksumAlgorithm algorithm) {
        return stored.contains(algorithm);
    }

    private void requireFinished() {
        if (!finished) throw new IllegalStateException("body not fully read");
    }

    @Override
    public void close() throws IOException {
        if (hasher != null && !finished) toHash.offer(END_OF_BODY);
        in.close();
    }
}
