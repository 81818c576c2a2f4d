package io.flashback.bridge.shipping;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's durable queue of signed metric batches, {@code DATA_DIR/metrics-spool/} (issue #7). A batch is written to
 * a temporary file, fsynced, renamed to {@code batch-<sequence>.json} and the directory fsynced before it is ever sent,
 * and deleted only once the oracle has acknowledged it: a platform outage or a crash loses nothing, and what is left
 * is sent again oldest first after a restart. A temporary file is a write the crash interrupted and is deleted at
 * start; a batch file that does not read back is moved to {@code rejected/} rather than sent.
 * <p>
 * The last sequence number handed out is kept in {@code sequence} (same write discipline), so numbers keep increasing
 * after every batch was acknowledged and deleted.
 * <p>
 * Bounded by {@link Limits}: when full it keeps what it holds — the oldest, not yet acknowledged batches — refuses new
 * ones, says so once in the log, reports {@code flashback_bridge_metrics_spool_full 1} and counts the samples it could
 * not take ({@code flashback_bridge_metrics_samples_unspooled_total}). Batches the oracle refuses for good are moved
 * to {@code rejected/} (at most {@code maxFiles} kept, oldest deleted first) for an operator to look at.
 * Not thread-safe: the shipper's one thread uses it.
 */
public final class MetricSpool {
    private static final Logger log = LoggerFactory.getLogger(MetricSpool.class);
    private static final Pattern BATCH = Pattern.compile("batch-(\\d{20})\\.json");
    static final String SEQUENCE_FILE = "sequence";

    /** @param maxFiles batches held at most; {@code maxBytes} their total size at most */
    public record Limits(int maxFiles, long maxBytes) {
        public Limits {
            if (maxFiles < 1 || maxBytes < 1) throw new IllegalArgumentException("spool limits must be positive");
        }
    }

    /** A spooled batch. */
    record Entry(long sequence, Path file, long size) {}

    private final Path directory;
    private final Path rejected;
    private final Limits limits;
    private final TreeMap<Long, Entry> pending = new TreeMap<>();
    private long bytes;
    private long lastSequence;
    private volatile boolean full;
    private long unspooledThisEpisode;
    private final Counter unspooledSamples;
    private final Counter unspooledBatches;

    private MetricSpool(Path directory, Limits limits, MeterRegistry registry) {
        this.directory = directory;
        this.rejected = directory.resolve("rejected");
        this.limits = limits;
        Gauge.builder("flashback.bridge.metrics.spool.batches", this, s -> s.pending.size())
                .description("Signed metric batches waiting for the oracle's acknowledgement").register(registry);
        Gauge.builder("flashback.bridge.metrics.spool.bytes", this, s -> s.bytes).baseUnit("bytes")
                .description("Size of the batches waiting for the oracle's acknowledgement").register(registry);
        Gauge.builder("flashback.bridge.metrics.spool.full", this, s -> s.full ? 1 : 0)
                .description("1 while the spool is full and new usage is not spooled").register(registry);
        unspooledSamples = Counter.builder("flashback.bridge.metrics.samples.unspooled")
                .description("Samples of usage not spooled (and never shipped) because the spool was full").register(registry);
        unspooledBatches = Counter.builder("flashback.bridge.metrics.batches.unspooled")
                .description("Batches not spooled because the spool was full").register(registry);
    }

    /** Opens (or makes) the spool in {@code directory}: drops interrupted writes, quarantines damaged files, reads the rest. */
    public static MetricSpool open(Path directory, Limits limits, MeterRegistry registry) {
        MetricSpool spool = new MetricSpool(directory, limits, registry);
        try {
            Files.createDirectories(spool.rejected);
            spool.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the metric spool " + directory, e);
        }
        return spool;
    }

    private void load() throws IOException {
        Path sequenceFile = directory.resolve(SEQUENCE_FILE);
        if (Files.exists(sequenceFile)) {
            String text = Files.readString(sequenceFile, StandardCharsets.US_ASCII).strip();
            try {
                lastSequence = Long.parseLong(text);
            } catch (NumberFormatException e) {
                // a damaged counter: the batch files still bound it from below, and the oracle names its last number if ours reuses one
                log.warn("metric spool: {} holds '{}', not a number; continuing from the spooled batches", sequenceFile, text);
            }
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.endsWith(".tmp")) {
                    Files.delete(file);
                    continue;
                }
                Matcher m = BATCH.matcher(name);
                if (!m.matches()) continue;
                long sequence = Long.parseLong(m.group(1));
                lastSequence = Math.max(lastSequence, sequence);
                try {
                    MetricBatch batch = BatchJson.read(Files.readAllBytes(file));
                    if (batch.sequence() != sequence) throw new IllegalArgumentException("it holds batch " + batch.sequence());
                } catch (IllegalArgumentException e) {
                    log.error("metric spool: {} is damaged ({}); moved to {} and not sent", file, e.getMessage(), rejected);
                    moveToRejected(file);
                    continue;
                }
                long size = Files.size(file);
                pending.put(sequence, new Entry(sequence, file, size));
                bytes += size;
            }
        }
        if (!pending.isEmpty()) {
            log.info("metric spool: {} batches ({} bytes) from before the restart will be sent, oldest first", pending.size(), bytes);
        }
    }

    /** The number the next batch gets; it is used up only when that batch is appended. */
    long nextSequence() {
        return lastSequence + 1;
    }

    /**
     * Writes the batch durably (sequence {@link #nextSequence()}, its JSON {@code json}); false, and counted, when the
     * spool is full.
     */
    boolean append(long sequence, byte[] json, int samples) {
        if (sequence != lastSequence + 1) throw new IllegalStateException("batch " + sequence + " is not the next one (" + (lastSequence + 1) + ")");
        if (pending.size() + 1 > limits.maxFiles() || bytes + json.length > limits.maxBytes()) {
            if (!full) {
                log.error("metric spool {} is FULL ({} batches, {} bytes; limits {} batches, {} bytes): the platform has not acknowledged "
                                + "the oldest batches, which are kept; new usage is not spooled and will not reach the oracle until it has room",
                        directory, pending.size(), bytes, limits.maxFiles(), limits.maxBytes());
            }
            full = true;
            unspooledThisEpisode += samples;
            unspooledSamples.increment(samples);
            unspooledBatches.increment();
            return false;
        }
        Path file = directory.resolve(name(sequence));
        try {
            writeDurably(file, json);
            writeDurably(directory.resolve(SEQUENCE_FILE), Long.toString(sequence).getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spool metric batch " + sequence + " in " + directory, e);
        }
        lastSequence = sequence;
        pending.put(sequence, new Entry(sequence, file, json.length));
        bytes += json.length;
        return true;
    }

    /** The batches waiting for acknowledgement, oldest first. */
    List<Entry> pending() {
        return new ArrayList<>(pending.values());
    }

    byte[] read(Entry entry) {
        try {
            return Files.readAllBytes(entry.file());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + entry.file(), e);
        }
    }

    /** The oracle has the batch: it leaves the spool. */
    void acknowledge(Entry entry) {
        try {
            Files.deleteIfExists(entry.file());
            fsync(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + entry.file(), e);
        }
        forget(entry);
    }

    /** The oracle refuses the batch for good: kept in {@code rejected/} for a person, no longer sent. */
    void reject(Entry entry) {
        try {
            moveToRejected(entry.file());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + entry.file() + " to " + rejected, e);
        }
        forget(entry);
    }

    /**
     * Puts a batch back under a new number (the oracle knows its old one from another batch of this node: our counter
     * was behind, e.g. a data directory restored from a backup). Written before the old file goes, and not refused when
     * full: it replaces a batch the spool already holds.
     */
    Entry renumber(Entry old, long sequence, byte[] json) {
        if (sequence <= lastSequence) throw new IllegalStateException("batch " + sequence + " would reuse a number");
        Path file = directory.resolve(name(sequence));
        try {
            writeDurably(file, json);
            writeDurably(directory.resolve(SEQUENCE_FILE), Long.toString(sequence).getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spool metric batch " + sequence + " in " + directory, e);
        }
        lastSequence = sequence;
        Entry entry = new Entry(sequence, file, json.length);
        pending.put(sequence, entry);
        bytes += json.length;
        acknowledge(old);
        return entry;
    }

    /** Makes sure numbers after {@code sequence} are handed out next (the oracle saw this node use it already). */
    void skipPast(long sequence) {
        lastSequence = Math.max(lastSequence, sequence);
    }

    boolean full() {
        return full;
    }

    int size() {
        return pending.size();
    }

    Path directory() {
        return directory;
    }

    private void forget(Entry entry) {
        if (pending.remove(entry.sequence()) != null) bytes -= entry.size();
        if (full && pending.size() < limits.maxFiles() && bytes < limits.maxBytes()) {
            log.warn("metric spool {} has room again; {} samples of usage were not spooled while it was full", directory, unspooledThisEpisode);
            full = false;
            unspooledThisEpisode = 0;
        }
    }

    private void moveToRejected(Path file) throws IOException {
        Files.move(file, rejected.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        fsync(directory);
        List<Path> kept = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(rejected)) {
            files.forEach(kept::add);
        }
        kept.sort(null);
        for (int i = 0; i < kept.size() - limits.maxFiles(); i++) Files.deleteIfExists(kept.get(i));
    }

    static String name(long sequence) {
        return String.format("batch-%020d.json", sequence);
    }

    /** temp file, fsync, atomic rename, directory fsync: after a crash the file is whole or absent. */
    private void writeDurably(Path file, byte[] content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) channel.write(buffer);
            channel.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        fsync(directory);
    }

    private static void fsync(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
