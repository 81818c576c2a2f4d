package io.flashback.bridge.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue #4: small writes share fsyncs, and none is acknowledged before a flush that covers it. */
class GroupCommitOfSmallWritesTest {
    @TempDir
    Path dir;

    @Test // #4
    void aWriteIsAcknowledgedOnlyOnceAFlushCoversIt() throws Exception {
        ObservedChannels channels = new ObservedChannels();
        Path logDir = dir.resolve("journal");
        int writers = 48;
        CountDownLatch allStarted = new CountDownLatch(writers);
        channels.holdFirstForceUntil(allStarted);
        List<String> violations = new ArrayList<>();
        try (CommitLog log = new CommitLog(logDir, channels);
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String key = "k" + i;
                done.add(pool.submit(() -> {
                    allStarted.countDown();
                    long ticket = log.append(CommitLog.WRITTEN, "b", key, key.getBytes(StandardCharsets.UTF_8));
                    // what a crash right now would leave: only the bytes forced so far
                    Set<String> durable = channels.forcedPrefixKeys();
                    if (!durable.contains(key)) {
                        synchronized (violations) {
                            violations.add(key);
                        }
                    }
                    log.done(ticket, null);
                    return null;
                }));
            }
            for (Future<?> f : done) f.get(60, TimeUnit.SECONDS);
        }
        assertThat(violations).as("writes acknowledged before their flush").isEmpty();
        assertThat(channels.forces.get()).as("flushes shared by concurrent writes").isLessThan(writers);
    }

    @Test // #4
    void aTornLastRecordIsIgnoredAndEarlierOnesAreReplayed() throws IOException {
        Path logDir = Files.createDirectories(dir.resolve("journal"));
        byte[] first = CommitLog.encode(CommitLog.WRITTEN, "b", "one", "1".getBytes(StandardCharsets.UTF_8));
        byte[] second = CommitLog.encode(CommitLog.WRITTEN, "b", "two", "2".getBytes(StandardCharsets.UTF_8));
        byte[] torn = new byte[first.length + second.length - 3];
        System.arraycopy(first, 0, torn, 0, first.length);
        System.arraycopy(second, 0, torn, first.length, second.length - 3);
        Files.write(logDir.resolve("segment-%020d.log".formatted(1)), torn);

        List<String> applied = new ArrayList<>();
        int replayed = CommitLog.recover(logDir, e -> {
            applied.add(e.key() + "=" + new String(e.image(), StandardCharsets.UTF_8));
            return null;
        });

        assertThat(replayed).isEqualTo(1);
        assertThat(applied).containsExactly("one=1");
        try (var left = Files.list(logDir)) {
            assertThat(left.toList()).as("replayed segments are removed").isEmpty();
        }
    }

    @Test // #4
    void onlyTheLastRecordOfAKeyIsReplayed() throws IOException {
        Path logDir = Files.createDirectories(dir.resolve("journal"));
        Files.write(logDir.resolve("segment-%020d.log".formatted(1)), concat(
                CommitLog.encode(CommitLog.WRITTEN, "b", "k", "old".getBytes(StandardCharsets.UTF_8)),
                CommitLog.encode(CommitLog.WRITTEN, "b", "other", "x".getBytes(StandardCharsets.UTF_8))));
        Files.write(logDir.resolve("segment-%020d.log".formatted(2)),
                CommitLog.encode(CommitLog.REPLACED, "b", "k", null));

        List<String> applied = new ArrayList<>();
        CommitLog.recover(logDir, e -> {
            applied.add(e.type() + ":" + e.key());
            return null;
        });

        assertThat(applied).containsExactly(CommitLog.WRITTEN + ":other", CommitLog.REPLACED + ":k");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Opens real segment files and remembers how many bytes of each were forced. */
    static final class ObservedChannels implements CommitLog.Channels {
        final AtomicInteger forces = new AtomicInteger();
        private final List<Observed> opened = new ArrayList<>();
        private volatile CountDownLatch firstForceGate;

        void holdFirstForceUntil(CountDownLatch gate) {
            this.firstForceGate = gate;
        }

        @Override
        public synchronized FileChannel open(Path file) throws IOException {
            Observed o = new Observed(file, FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
            opened.add(o);
            return o;
        }

        /** The keys a crash now would keep: records in the forced prefix of every segment. */
        synchronized Set<String> forcedPrefixKeys() throws IOException {
            Set<String> keys = ConcurrentHashMap.newKeySet();
            for (Observed o : opened) {
                byte[] all = Files.readAllBytes(o.file);
                int forced = (int) Math.min(all.length, o.forcedUpTo.get());
                Path copy = Files.createTempFile(o.file.getParent().getParent(), "forced", ".log");
                Files.write(copy, java.util.Arrays.copyOf(all, forced));
                keys.addAll(CommitLog.read(copy).stream().map(CommitLog.Entry::key).collect(Collectors.toSet()));
                Files.delete(copy);
            }
            return keys;
        }

        final class Observed extends FileChannel {
            final Path file;
            final FileChannel delegate;
            final AtomicLong forcedUpTo = new AtomicLong();

            Observed(Path file, FileChannel delegate) {
                this.file = file;
                this.delegate = delegate;
            }

            @Override
            public void force(boolean metaData) throws IOException {
                CountDownLatch gate = firstForceGate;
                if (gate != null) {
                    firstForceGate = null;
                    try {
                        gate.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                long size = delegate.size();
                delegate.force(metaData);
                forcedUpTo.accumulateAndGet(size, Math::max);
                forces.incrementAndGet();
            }

            @Override public int read(ByteBuffer dst) throws IOException { return delegate.read(dst); }
            @Override public long read(ByteBuffer[] dsts, int offset, int length) throws IOException { return delegate.read(dsts, offset, length); }
            @Override public int write(ByteBuffer src) throws IOException { return delegate.write(src); }
            @Override public long write(ByteBuffer[] srcs, int offset, int length) throws IOException { return delegate.write(srcs, offset, length); }
            @Override public long position() throws IOException { return delegate.position(); }
            @Override public FileChannel position(long newPosition) throws IOException { delegate.position(newPosition); return this; }
            @Override public long size() throws IOException { return delegate.size(); }
            @Override public FileChannel truncate(long size) throws IOException { delegate.truncate(size); return this; }
            @Override public long transferTo(long position, long count, WritableByteChannel target) throws IOException { return delegate.transferTo(position, count, target); }
            @Override public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException { return delegate.transferFrom(src, position, count); }
            @Override public int read(ByteBuffer dst, long position) throws IOException { return delegate.read(dst, position); }
            @Override public int write(ByteBuffer src, long position) throws IOException { return delegate.write(src, position); }
            @Override public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException { return delegate.map(mode, position, size); }
            @Override public FileLock lock(long position, long size, boolean shared) throws IOException { return delegate.lock(position, size, shared); }
            @Override public FileLock tryLock(long position, long size, boolean shared) throws IOException { return delegate.tryLock(position, size, shared); }
            @Override protected void implCloseChannel() throws IOException { delegate.close(); }
        }
    }
}
