package io.flashback.bridge.storage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Write-ahead log of object writes with group commit: concurrent small PUTs share one
 * {@code fdatasync} instead of paying a file fsync and a directory fsync each.
 *
 * <p>A writer appends a record (a small object's whole file image, or a note that a key was
 * replaced or deleted by other means) and {@link #append} returns only once a flush that covers
 * the record has completed: one committer thread writes everything appended since its last
 * flush in one write and forces it, so every writer waiting meanwhile is acknowledged by the
 * same fsync. The writer then puts the object file in place without syncing it and reports
 * {@link #done}. The object files of a segment are fsynced in the background
 * ({@link #checkpoint}) before the segment is deleted — normally long after the kernel has
 * written them back, so those fsyncs find little to do.
 *
 * <p>After a crash {@link #recover} reads the segments left behind (a torn last record fails its
 * CRC and ends the log: it was never acknowledged) and hands the last record of every key to
 * the store, which rewrites logged objects and repeats logged deletes. A key replaced by a
 * durable write of its own (a large PUT, a copy, a multipart completion, a tag update) is logged
 * as {@link #REPLACED} so that an older logged image of the key is not brought back over it.
 *
 * <p>Segment layout: records {@code magic(4) length(4) body crc32c(4)}, body
 * {@code type(1) bucket key image} with each string and the image length-prefixed.
 */
final class CommitLog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CommitLog.class);
    private static final int MAGIC = 0x46424c31; // "FBL1"
    static final byte WRITTEN = 1;
    static final byte REPLACED = 2;
    static final byte DELETED = 3;
    /** A segment is closed once it is this large; the next flush starts a new one. */
    static final long SEGMENT_BYTES = 16L * 1024 * 1024;
    /** Closed segments wait this long for the kernel's own writeback before their files are fsynced. */
    private static final long CHECKPOINT_DELAY_NANOS = TimeUnit.SECONDS.toNanos(30);
    /** ... unless this many bytes of closed segments are waiting. */
    private static final long MAX_WAITING_BYTES = 128L * 1024 * 1024;
    /** An idle open segment is closed after this long, so a quiet node's log empties. */
    private static final long MAX_SEGMENT_AGE_NANOS = TimeUnit.SECONDS.toNanos(10);

    record Entry(byte type, String bucket, String key, byte[] image) {}

    /** Opens segment files; tests pass one that observes forces. */
    interface Channels {
        FileChannel open(Path file) throws IOException;
    }

    private static final Channels FILES = file -> FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

    private static final class Segment {
        final long number;
        final Path file;
        final FileChannel channel;
        final long openedNanos = System.nanoTime();
        final AtomicInteger outstanding = new AtomicInteger();
        final Queue<Path> touched = new ConcurrentLinkedQueue<>();
        volatile long size;
        long lastSeq = -1;
        volatile long closedNanos;

        Segment(long number, Path file, FileChannel channel) {
            this.number = number;
            this.file = file;
            this.channel = channel;
        }
    }

    private final Path dir;
    private final Channels channels;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition appended = lock.newCondition();
    private final Condition flushed = lock.newCondition();
    private ByteArrayOutputStream pending = new ByteArrayOutputStream(64 * 1024);
    private int pendingRecords;
    private long nextSeq;
    private long durableSeq = -1;
    /** Set by the first failed write or flush; the log then refuses every write (fail-stop: a failed fsync may have lost pages). */
    private IOException failure;
    private boolean closing;
    private boolean writing; // the committer is writing a batch to the current segment
    private Segment current;
    private final List<Segment> segments = new ArrayList<>(); // open and closed, oldest first; guarded by lock
    private final Thread committer;
    private final Thread checkpointer;

    CommitLog(Path dir) {
        this(dir, FILES);
    }

    CommitLog(Path dir, Channels channels) {
        this.dir = dir;
        this.channels = channels;
        try {
            Files.createDirectories(dir);
            current = openSegment(firstFreeNumber());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open commit log " + dir, e);
        }
        committer = Thread.ofPlatform().daemon().name("commit-log-" + dir.getFileName()).start(this::commitLoop);
        checkpointer = Thread.ofPlatform().daemon().name("commit-log-checkpoint").start(this::checkpointLoop);
    }

    private long firstFreeNumber() throws IOException {
        long max = 0;
        for (Path p : segmentFiles(dir)) max = Math.max(max, segmentNumber(p));
        return max + 1;
    }

    private Segment openSegment(long number) throws IOException {
        Path file = dir.resolve("segment-%020d.log".formatted(number));
        Segment s = new Segment(number, file, channels.open(file));
        FilesystemObjectStore.fsync(dir); // the segment's name must survive a crash with its records
        segments.add(s);
        return s;
    }

    // ------------------------------------------------------------------ writing

    /**
     * Appends a record and returns once it is durable. Every call must be followed by
     * {@link #done} with the returned ticket, also when the caller fails afterwards.
     */
    long append(byte type, String bucket, String key, byte[] image) {
        byte[] record = encode(type, bucket, key, image);
        long seq;
        lock.lock();
        try {
            if (closing) throw new IllegalStateException("commit log closed");
            if (failure != null) throw new UncheckedIOException("commit log failed earlier", failure);
            seq = nextSeq++;
            pending.write(record, 0, record.length);
            pendingRecords++;
            appended.signal();
            while (durableSeq < seq && failure == null) flushed.awaitUninterruptibly();
            if (durableSeq < seq) {
                throw new UncheckedIOException("commit log write failed", failure);
            }
            return seq;
        } finally {
            lock.unlock();
        }
    }

    /** The caller finished applying a record: the file (or the deleted file's place) to sync at the checkpoint. */
    void done(long ticket, Path touched) {
        Segment s = segmentOf(ticket);
        if (s == null) return;
        if (touched != null) s.touched.add(touched);
        s.outstanding.decrementAndGet();
    }

    private Segment segmentOf(long seq) {
        lock.lock();
        try {
            long previous = -1;
            for (Segment s : segments) {
                if (s.lastSeq >= seq && seq > previous) return s;
                if (s.lastSeq >= 0) previous = s.lastSeq;
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    private void commitLoop() {
        while (true) {
            ByteArrayOutputStream batch;
            int records;
            long upTo;
            Segment target;
            lock.lock();
            try {
                while (pendingRecords == 0 && !closing) {
                    appended.awaitUninterruptibly();
                }
                if (pendingRecords == 0 || failure != null) return;
                if (current.size >= SEGMENT_BYTES) rotate();
                batch = pending;
                records = pendingRecords;
                pending = new ByteArrayOutputStream(Math.max(64 * 1024, batch.size()));
                pendingRecords = 0;
                upTo = nextSeq - 1;
                target = current;
                writing = true;
                target.outstanding.addAndGet(records); // each record's writer reports done
            } catch (IOException e) {
                failAll(e);
                return;
            } finally {
                lock.unlock();
            }
            try {
                ByteBuffer bb = ByteBuffer.wrap(batch.toByteArray());
                while (bb.hasRemaining()) target.size += target.channel.write(bb, target.size);
                target.channel.force(false);
                lock.lock();
                try {
                    target.lastSeq = upTo;
                    durableSeq = upTo;
                    writing = false;
                    flushed.signalAll();
                } finally {
                    lock.unlock();
                }
            } catch (IOException e) {
                target.outstanding.addAndGet(-records);
                failAll(e);
                return;
            }
        }
    }

    private void failAll(IOException e) {
        log.error("commit log {} cannot write: {}", dir, e.toString());
        lock.lock();
        try {
            failure = e;
            flushed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: closes the current segment and opens the next. */
    private void rotate() throws IOException {
        Segment old = current;
        current = openSegment(old.number + 1);
        old.closedNanos = System.nanoTime();
        old.channel.close();
    }

    // ------------------------------------------------------------------ checkpoints

    private void checkpointLoop() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(1000); // background pacing, not a wait for a condition
            } catch (InterruptedException e) {
                return;
            }
            try {
                rotateIfIdle();
                checkpoint(false);
            } catch (IOException | RuntimeException e) {
                log.warn("commit log checkpoint failed, retrying: {}", e.toString());
            }
        }
    }

    private void rotateIfIdle() throws IOException {
        lock.lock();
        try {
            if (!closing && failure == null && !writing && pendingRecords == 0 && current.size > 0 && System.nanoTime() - current.openedNanos > MAX_SEGMENT_AGE_NANOS) {
                rotate();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Makes the files of closed, fully applied segments durable, oldest first, and deletes those
     * segments. With {@code now} the writeback delay is not waited for.
     */
    void checkpoint(boolean now) throws IOException {
        while (true) {
            Segment oldest;
            long waiting = 0;
            lock.lock();
            try {
                if (segments.isEmpty() || segments.get(0) == current) return;
                oldest = segments.get(0);
                for (Segment s : segments) if (s != current) waiting += s.size;
            } finally {
                lock.unlock();
            }
            if (oldest.outstanding.get() > 0) return;
            boolean due = now || waiting > MAX_WAITING_BYTES || System.nanoTime() - oldest.closedNanos > CHECKPOINT_DELAY_NANOS;
            if (!due) return;
            syncAll(oldest.touched);
            Files.deleteIfExists(oldest.file);
            FilesystemObjectStore.fsync(dir);
            lock.lock();
            try {
                segments.remove(oldest);
            } finally {
                lock.unlock();
            }
        }
    }

    /** fsyncs each file (if it still exists) and then each directory that holds or held one. */
    static void syncAll(Iterable<Path> files) throws IOException {
        Set<Path> dirs = new HashSet<>();
        Set<Path> seen = new HashSet<>();
        for (Path f : files) {
            if (!seen.add(f)) continue;
            dirs.add(f.getParent());
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
                ch.force(false);
            } catch (NoSuchFileException gone) {
                // deleted or replaced since: its directory is synced below
            }
        }
        for (Path d : dirs) {
            try {
                FilesystemObjectStore.fsync(d);
            } catch (NoSuchFileException gone) {
                // a deleted bucket
            }
        }
    }

    /** Flushes what is pending, checkpoints every closed segment whose records were applied. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closing) return;
            closing = true;
            appended.signalAll();
        } finally {
            lock.unlock();
        }
        checkpointer.interrupt();
        try {
            committer.join(TimeUnit.SECONDS.toMillis(30));
            checkpointer.join(TimeUnit.SECONDS.toMillis(30));
            lock.lock();
            try {
                Segment last = current;
                current = null;
                last.channel.close();
                last.closedNanos = System.nanoTime();
                if (last.size == 0) {
                    segments.remove(last);
                    Files.deleteIfExists(last.file);
                }
            } finally {
                lock.unlock();
            }
            checkpoint(true);
        } catch (IOException e) {
            log.warn("commit log {} not checkpointed at close ({}); it is replayed at the next start", dir, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ recovery

    /** What the store does with the last record of a key found after a crash. */
    interface Replay {
        /** Applies the record; returns the file to make durable, or null. */
        Path apply(Entry entry) throws IOException;
    }

    /**
     * Replays the segments a crash left (the last record of each key, in log order), makes the
     * result durable and deletes the segments. Returns how many records were applied.
     */
    static int recover(Path dir, Replay replay) throws IOException {
        if (!Files.isDirectory(dir)) return 0;
        List<Path> files = segmentFiles(dir);
        if (files.isEmpty()) return 0;
        Map<String, Entry> last = new LinkedHashMap<>();
        for (Path f : files) {
            for (Entry e : read(f)) {
                String id = e.bucket() + '\u0000' + e.key();
                last.remove(id); // keep log order of the last records
                last.put(id, e);
            }
        }
        List<Path> touched = new ArrayList<>();
        for (Entry e : last.values()) {
            Path p = replay.apply(e);
            if (p != null) touched.add(p);
        }
        syncAll(touched);
        for (Path f : files) Files.delete(f);
        FilesystemObjectStore.fsync(dir);
        if (!last.isEmpty()) log.info("commit log {}: replayed {} records after an unclean stop", dir, last.size());
        return last.size();
    }

    static List<Entry> read(Path segment) throws IOException {
        byte[] all = Files.readAllBytes(segment);
        ByteBuffer bb = ByteBuffer.wrap(all);
        List<Entry> out = new ArrayList<>();
        while (bb.remaining() >= 12) {
            int start = bb.position();
            if (bb.getInt() != MAGIC) break;
            int length = bb.getInt();
            if (length < 13 || length > bb.remaining() - 4) break;
            CRC32C crc = new CRC32C();
            crc.update(all, start + 8, length);
            bb.position(start + 8 + length);
            if ((int) crc.getValue() != bb.getInt()) break; // a torn write: never acknowledged
            ByteBuffer body = ByteBuffer.wrap(all, start + 8, length);
            byte type = body.get();
            String bucket = new String(bytes(body), StandardCharsets.UTF_8);
            String key = new String(bytes(body), StandardCharsets.UTF_8);
            out.add(new Entry(type, bucket, key, bytes(body)));
        }
        return out;
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.getInt()];
        b.get(out);
        return out;
    }

    static byte[] encode(byte type, String bucket, String key, byte[] image) {
        byte[] bucketBytes = bucket.getBytes(StandardCharsets.UTF_8);
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        byte[] data = image == null ? new byte[0] : image;
        int length = 1 + 4 + bucketBytes.length + 4 + keyBytes.length + 4 + data.length;
        ByteBuffer bb = ByteBuffer.allocate(8 + length + 4);
        bb.putInt(MAGIC).putInt(length).put(type)
                .putInt(bucketBytes.length).put(bucketBytes)
                .putInt(keyBytes.length).put(keyBytes)
                .putInt(data.length).put(data);
        CRC32C crc = new CRC32C();
        crc.update(bb.array(), 8, length);
        bb.putInt((int) crc.getValue());
        return bb.array();
    }

    private static List<Path> segmentFiles(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "segment-*.log")) {
            for (Path f : files) out.add(f);
        }
        out.sort(java.util.Comparator.comparingLong(CommitLog::segmentNumber));
        return out;
    }

    private static long segmentNumber(Path file) {
        String n = file.getFileName().toString();
        return Long.parseLong(n.substring("segment-".length(), n.length() - ".log".length()));
    }

    /** Segments not yet checkpointed (for tests and the health of the log). */
    int segmentCount() {
        lock.lock();
        try {
            return segments.size();
        } finally {
            lock.unlock();
        }
    }

    static Queue<Entry> entries(Path dir) throws IOException {
        Queue<Entry> out = new ArrayDeque<>();
        for (Path f : segmentFiles(dir)) out.addAll(read(f));
        return out;
    }
}
