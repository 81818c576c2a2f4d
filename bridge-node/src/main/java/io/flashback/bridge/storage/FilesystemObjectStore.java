package io.flashback.bridge.storage;

import io.flashback.bridge.s3.S3ErrorCode;
import io.flashback.bridge.s3.S3Exception;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Objects on the provider's own disk.
 *
 * <p>Layout under the data directory:
 * <pre>
 * tmp/                                   partial writes; emptied at startup
 * journal/segment-N.log                  commit log of recent writes (see {@link CommitLog}); replayed at startup
 * buckets/NAME/bucket.json               owner, creation time
 * buckets/NAME/objects/HH/SHA256(key)    object bytes, then its metadata JSON, then a 12-byte trailer
 * buckets/NAME/uploads/ID/upload.json    an in-progress multipart upload
 * buckets/NAME/uploads/ID/part-NNNNN     its parts, same file format as objects
 * </pre>
 *
 * <p>Durability and atomicity: a small object (up to {@link #LOGGED_MAX} bytes) is first
 * appended whole (data, metadata and trailer) to the {@link CommitLog}, which several
 * concurrent PUTs share one fsync of; only once that fsync completed is the file written to a
 * temp file and renamed over the target (atomic, not synced: the log holds it until the
 * checkpoint syncs it), and the request acknowledged. A larger object streams to a temp file on
 * the same filesystem, data and metadata in the one file, which is fsynced, renamed over the
 * target (atomic) and the directory fsynced before the request is acknowledged; replacing and
 * deleting keys is logged too, so that a replay never brings an older logged image back. A
 * crash leaves the old file or the new one, never a mix, and never a visible partial object.
 * File names are hashes of the key, so any key ({@code ../}, trailing {@code /}, 1 024 bytes of
 * unicode) is stored without path traversal. Listing reads an in-memory index sorted in UTF-8 byte order, rebuilt from the
 * files at startup.
 */
public final class FilesystemObjectStore implements ObjectStore {
    private static final Logger log = LoggerFactory.getLogger(FilesystemObjectStore.class);
    private static final byte[] MAGIC = "FBO1".getBytes(StandardCharsets.US_ASCII);
    private static final int TRAILER = 12;
    private static final int COPY_BUFFER = 256 * 1024;
    /** Objects up to this size go through the commit log (buffered whole in memory while hashed). */
    static final int LOGGED_MAX = 256 * 1024;
    private static final Pattern UPLOAD_ID = Pattern.compile("[0-9a-f]{32}");

    private final Path tmp;
    private final Path bucketsDir;
    private final CommitLog commitLog;
    private final String tempPrefix = Long.toHexString(System.nanoTime()) + "-";
    private final AtomicLong tempCounter = new AtomicLong();
    private final Clock clock;
    private final long minPartSize;
    private final JsonMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private final ConcurrentHashMap<String, BucketState> buckets = new ConcurrentHashMap<>();
    private final ReentrantLock bucketLock = new ReentrantLock();
    private final ReentrantLock[] keyLocks = new ReentrantLock[1024];

    record BucketRecord(String owner, Instant created) {}

    record UploadRecord(String key, Instant initiated, ObjectAttributes attributes, ChecksumAlgorithm checksumAlgorithm) {}

    private static final class BucketState {
        final BucketInfo info;
        final Path dir;
        final KeyIndex index = new KeyIndex();
        final AtomicLong used = new AtomicLong();
        /** Part sizes of the unfinished multipart uploads by upload id, and their sum: staged bytes count against quotas. */
        final ConcurrentHashMap<String, Map<Integer, Long>> stagedParts = new ConcurrentHashMap<>();
        final AtomicLong staged = new AtomicLong();
        final AtomicReferenceArray<Boolean> shardReady = new AtomicReferenceArray<>(256);

        BucketState(BucketInfo info, Path dir) {
            this.info = info;
            this.dir = dir;
        }
    }

    public FilesystemObjectStore(Path dataDir, Clock clock, long minPartSize) {
        this.clock = clock;
        this.minPartSize = minPartSize;
        this.tmp = dataDir.resolve("tmp");
        this.bucketsDir = dataDir.resolve("buckets");
        for (int i = 0; i < keyLocks.length; i++) keyLocks[i] = new ReentrantLock();
        try {
            Files.createDirectories(tmp);
            Files.createDirectories(bucketsDir);
            deleteChildren(tmp);
            CommitLog.recover(dataDir.resolve("journal"), this::replay);
            load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open data directory " + dataDir, e);
        }
        this.commitLog = new CommitLog(dataDir.resolve("journal"));
    }

    /** Brings a key to the state of its last logged record after an unclean stop. */
    private Path replay(CommitLog.Entry e) throws IOException {
        Path bucketDir = bucketsDir.resolve(e.bucket());
        if (!Files.exists(bucketDir.resolve("bucket.json"))) return null; // deleted since
        Path target = objectPath(bucketDir, e.key());
        switch (e.type()) {
            case CommitLog.WRITTEN -> {
                if (!Files.isDirectory(target.getParent())) {
                    Files.createDirectories(target.getParent());
                    fsync(target.getParent().getParent());
                }
                Path t = newTemp();
                try {
                    writeFile(t, e.image());
                    Files.move(t, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } finally {
                    deleteQuietly(t);
                }
                return target;
            }
            case CommitLog.DELETED -> {
                Files.deleteIfExists(target);
                return target;
            }
            default -> {
                return null; // replaced by a write that was durable on its own
            }
        }
    }

    @Override
    public void close() {
        commitLog.close();
    }

    // ---------------------------------------------------------------- startup

    private void load() throws IOException {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(bucketsDir)) {
            for (Path dir : dirs) {
                String name = dir.getFileName().toString();
                Path meta = dir.resolve("bucket.json");
                if (name.startsWith(".") || !Files.exists(meta)) {
                    deleteRecursively(dir); // a bucket creation or deletion interrupted by a crash
                    continue;
                }
                BucketRecord rec = json.readValue(Files.readAllBytes(meta), BucketRecord.class);
                BucketState state = new BucketState(new BucketInfo(name, rec.owner(), rec.created()), dir);
                loadIndex(state);
                cleanUploads(state);
                buckets.put(name, state);
            }
        }
    }

    private void loadIndex(BucketState state) throws IOException {
        Path objects = state.dir.resolve("objects");
        Files.createDirectories(objects);
        try (Stream<Path> shards = Files.list(objects)) {
            shards.toList().parallelStream().forEach(shard -> {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(shard)) {
                    for (Path f : files) {
                        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
                            ObjectInfo info = readInfo(ch);
                            state.index.put(summary(info));
                            state.used.addAndGet(info.size());
                        } catch (IOException | RuntimeException e) {
                            log.warn("skipping unreadable object file {}: {}", f, e.toString());
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private void cleanUploads(BucketState state) throws IOException {
        Path uploads = state.dir.resolve("uploads");
        Files.createDirectories(uploads);
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(uploads)) {
            for (Path d : dirs) {
                if (!Files.exists(d.resolve("upload.json"))) {
                    deleteRecursively(d);
                    continue;
                }
                Map<Integer, Long> sizes = new java.util.HashMap<>();
                try (DirectoryStream<Path> parts = Files.newDirectoryStream(d, "part-*")) {
                    for (Path f : parts) {
                        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
                            PartInfo p = json.readValue(readHeader(ch), PartInfo.class);
                            sizes.put(p.partNumber(), p.size());
                        } catch (IOException | RuntimeException e) {
                            log.warn("skipping unreadable part file {}: {}", f, e.toString());
                        }
                    }
                }
                state.stagedParts.put(d.getFileName().toString(), sizes);
                state.staged.addAndGet(sizes.values().stream().mapToLong(Long::longValue).sum());
            }
        }
    }

    // ---------------------------------------------------------------- buckets

    @Override
    public List<BucketInfo> listBuckets() {
        return buckets.values().stream().map(b -> b.info).sorted(Comparator.comparing(BucketInfo::name)).toList();
    }

    @Override
    public Optional<BucketInfo> bucket(String bucket) {
        return Optional.ofNullable(buckets.get(bucket)).map(b -> b.info);
    }

    @Override
    public BucketInfo createBucket(String bucket, String owner) {
        bucketLock.lock();
        try {
            if (buckets.containsKey(bucket)) throw S3ErrorCode.BUCKET_ALREADY_EXISTS.exception();
            Path staging = bucketsDir.resolve(".new-" + UUID.randomUUID());
            Files.createDirectories(staging.resolve("objects"));
            Files.createDirectories(staging.resolve("uploads"));
            BucketInfo info = new BucketInfo(bucket, owner, clock.instant());
            writeDurably(staging.resolve("bucket.json"), json.writeValueAsBytes(new BucketRecord(owner, info.created())));
            fsync(staging.resolve("objects"));
            fsync(staging.resolve("uploads"));
            fsync(staging);
            Path dir = bucketsDir.resolve(bucket);
            Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
            fsync(bucketsDir);
            buckets.put(bucket, new BucketState(info, dir));
            return info;
        } catch (IOException e) {
            throw internal(e);
        } finally {
            bucketLock.unlock();
        }
    }

    @Override
    public void deleteBucket(String bucket) {
        bucketLock.lock();
        try {
            BucketState b = requireBucket(bucket);
            if (!b.index.isEmpty()) throw S3ErrorCode.BUCKET_NOT_EMPTY.exception();
            Path grave = tmp.resolve("deleted-" + UUID.randomUUID());
            Files.move(b.dir, grave, StandardCopyOption.ATOMIC_MOVE);
            fsync(bucketsDir);
            buckets.remove(bucket);
            deleteRecursively(grave);
        } catch (IOException e) {
            throw internal(e);
        } finally {
            bucketLock.unlock();
        }
    }

    @Override
    public long usedBytes(String bucket) {
        BucketState b = buckets.get(bucket);
        return b == null ? 0 : b.used.get();
    }

    /** Kept as parts are staged, completed and aborted (and counted from the part files at startup): no listing. */
    @Override
    public long stagedBytes(String bucket) {
        BucketState b = buckets.get(bucket);
        return b == null ? 0 : b.staged.get();
    }

    /** Records a part put in place (replacing any earlier part of that number); called under the upload's record monitor. */
    private static void staged(BucketState b, String uploadId, int partNumber, long size) {
        Map<Integer, Long> parts = b.stagedParts.computeIfAbsent(uploadId, id -> new java.util.HashMap<>());
        Long old = parts.put(partNumber, size);
        b.staged.addAndGet(size - (old == null ? 0 : old));
    }

    /** Forgets the parts of an upload that was completed or aborted. */
    private static void unstaged(BucketState b, String uploadId) {
        Map<Integer, Long> parts = b.stagedParts.remove(uploadId);
        if (parts == null) {
            return;
        }
        synchronized (parts) {
            b.staged.addAndGet(-parts.values().stream().mapToLong(Long::longValue).sum());
        }
    }

    // ---------------------------------------------------------------- objects

    @Override
    public ObjectInfo put(String bucket, String key, ObjectBody body, ObjectAttributes attributes) {
        BucketState b = requireBucket(bucket);
        if (body.length() >= 0 && body.length() <= LOGGED_MAX) return putLogged(b, key, body, attributes);
        Path t = newTemp();
        try {
            ObjectInfo info;
            try (FileChannel ch = FileChannel.open(t, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                long size = copy(body, ch);
                Map<ChecksumAlgorithm, String> checksums = body.checksums();
                info = new ObjectInfo(key, size, body.md5Hex(), clock.instant(), attributes, checksums,
                        checksums.isEmpty() ? null : "FULL_OBJECT", body.crc32cBase64(), List.of());
                writeTrailer(ch, info);
                ch.force(false);
            }
            commit(b, key, t, info);
            return info;
        } catch (IOException e) {
            throw internal(e);
        } finally {
            deleteQuietly(t);
        }
    }

    /**
     * A small object: read and hashed into memory, made durable in the commit log (group commit),
     * then put in place without a sync of its own.
     */
    private ObjectInfo putLogged(BucketState b, String key, ObjectBody body, ObjectAttributes attributes) {
        byte[] data;
        try {
            data = readWhole(body, (int) body.length());
        } catch (IOException e) {
            throw internal(e);
        }
        Map<ChecksumAlgorithm, String> checksums = body.checksums();
        ObjectInfo info = new ObjectInfo(key, data.length, body.md5Hex(), clock.instant(), attributes, checksums,
                checksums.isEmpty() ? null : "FULL_OBJECT", body.crc32cBase64(), List.of());
        byte[] header = json.writeValueAsBytes(info);
        ByteBuffer image = ByteBuffer.allocate(data.length + header.length + TRAILER);
        image.put(data).put(header).putLong(header.length).put(MAGIC);
        ReentrantLock lock = lockFor(b.info.name(), key);
        lock.lock();
        try {
            long ticket;
            try {
                ticket = commitLog.append(CommitLog.WRITTEN, b.info.name(), key, image.array());
            } catch (UncheckedIOException e) {
                throw internal(e);
            }
            Path target = objectPath(b, key);
            try {
                Path t = newTemp();
                try {
                    writeFile(t, image.array());
                    place(b, t, target);
                } finally {
                    deleteQuietly(t);
                }
                indexed(b, info);
            } catch (IOException e) {
                throw internal(e);
            } finally {
                commitLog.done(ticket, target);
            }
            return info;
        } finally {
            lock.unlock();
        }
    }

    /** Reads a body of known length to its end (which runs its checks). */
    private static byte[] readWhole(ObjectBody body, int length) throws IOException {
        byte[] data = new byte[length];
        int n = 0;
        while (n < length) {
            int r = body.read(data, n, length - n);
            if (r < 0) break; // a short body fails its length check when it ends
            n += r;
        }
        if (body.read(new byte[1], 0, 1) >= 0 || n != length) throw S3ErrorCode.INCOMPLETE_BODY.exception();
        return data;
    }

    private static void writeFile(Path file, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer bb = ByteBuffer.wrap(bytes);
            while (bb.hasRemaining()) ch.write(bb);
        }
    }

    @Override
    public ObjectHandle open(String bucket, String key) {
        BucketState b = requireBucket(bucket);
        FileChannel ch;
        try {
            ch = FileChannel.open(objectPath(b, key), StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw S3ErrorCode.NO_SUCH_KEY.exception();
        } catch (IOException e) {
            throw internal(e);
        }
        try {
            ObjectInfo info = readInfo(ch);
            if (!info.key().equals(key)) throw S3ErrorCode.NO_SUCH_KEY.exception();
            return new FileHandle(ch, info);
        } catch (IOException | RuntimeException e) {
            closeQuietly(ch);
            if (e instanceof S3Exception s) throw s;
            throw internal(e);
        }
    }

    private static final class FileHandle implements ObjectHandle {
        private final FileChannel channel;
        private final ObjectInfo info;
        private boolean handedOver;

        FileHandle(FileChannel channel, ObjectInfo info) {
            this.channel = channel;
            this.info = info;
        }

        public ObjectInfo info() { return info; }

        public ObjectContent content(long offset, long length) {
            if (handedOver) throw new IllegalStateException("content already taken");
            handedOver = true;
            return new ObjectContent.FileRegion(channel, offset, length);
        }

        public void close() {
            if (!handedOver) closeQuietly(channel);
        }
    }

    @Override
    public ObjectInfo updateAttributes(String bucket, String key, ObjectAttributes attributes) {
        BucketState b = requireBucket(bucket);
        ReentrantLock lock = lockFor(bucket, key);
        lock.lock();
        Path t = newTemp();
        try (FileChannel src = FileChannel.open(objectPath(b, key), StandardOpenOption.READ)) {
            ObjectInfo old = readInfo(src);
            ObjectInfo info = old.withAttributes(attributes);
            try (FileChannel out = FileChannel.open(t, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                transfer(src, 0, old.size(), out);
                writeTrailer(out, info);
                out.force(false);
            }
            moveIntoPlace(b, key, t, info);
            return info;
        } catch (NoSuchFileException e) {
            throw S3ErrorCode.NO_SUCH_KEY.exception();
        } catch (IOException e) {
            throw internal(e);
        } finally {
            lock.unlock();
            deleteQuietly(t);
        }
    }

    @Override
    public void delete(String bucket, String key) {
        BucketState b = requireBucket(bucket);
        ReentrantLock lock = lockFor(bucket, key);
        lock.lock();
        try {
            Path p = objectPath(b, key);
            if (Files.deleteIfExists(p)) {
                // the log makes the unlink durable (replayed after a crash, synced at the checkpoint)
                logDurably(CommitLog.DELETED, bucket, key, p);
            }
            ObjectSummary old = b.index.remove(key);
            if (old != null) b.used.addAndGet(-old.size());
        } catch (IOException e) {
            throw internal(e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public ListPage list(String bucket, ListQuery q) {
        return requireBucket(bucket).index.list(q);
    }

    // ---------------------------------------------------------------- multipart

    @Override
    public UploadInfo createUpload(String bucket, String key, ObjectAttributes attributes, ChecksumAlgorithm algorithm) {
        BucketState b = requireBucket(bucket);
        String id = UUID.randomUUID().toString().replace("-", "");
        Path dir = b.dir.resolve("uploads").resolve(id);
        try {
            Files.createDirectories(dir);
            UploadRecord rec = new UploadRecord(key, clock.instant(), attributes, algorithm);
            writeDurably(dir.resolve("upload.json"), json.writeValueAsBytes(rec));
            fsync(dir);
            fsync(dir.getParent());
            return new UploadInfo(bucket, key, id, rec.initiated(), attributes, algorithm);
        } catch (IOException e) {
            throw internal(e);
        }
    }

    @Override
    public UploadInfo upload(String bucket, String key, String uploadId) {
        BucketState b = requireBucket(bucket);
        UploadRecord rec = readUpload(b, uploadId);
        if (!rec.key().equals(key)) throw S3ErrorCode.NO_SUCH_UPLOAD.exception();
        return new UploadInfo(bucket, key, uploadId, rec.initiated(), rec.attributes(), rec.checksumAlgorithm());
    }

    private UploadRecord readUpload(BucketState b, String uploadId) {
        if (uploadId == null || !UPLOAD_ID.matcher(uploadId).matches()) throw S3ErrorCode.NO_SUCH_UPLOAD.exception();
        try {
            return json.readValue(Files.readAllBytes(uploadDir(b, uploadId).resolve("upload.json")), UploadRecord.class);
        } catch (NoSuchFileException e) {
            throw S3ErrorCode.NO_SUCH_UPLOAD.exception();
        } catch (IOException e) {
            throw internal(e);
        }
    }

    private Path uploadDir(BucketState b, String uploadId) {
        return b.dir.resolve("uploads").resolve(uploadId);
    }

    @Override
    public PartInfo putPart(String bucket, String key, String uploadId, int partNumber, ObjectBody body) {
        BucketState b = requireBucket(bucket);
        upload(bucket, key, uploadId);
        Path t = newTemp();
        try {
            PartInfo part;
            try (FileChannel ch = FileChannel.open(t, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                long size = copy(body, ch);
                part = new PartInfo(partNumber, size, body.md5Hex(), clock.instant(), body.checksums(), body.crc32cBase64());
                byte[] header = json.writeValueAsBytes(part);
                writeTrailerBytes(ch, header);
                ch.force(false);
            }
            Path target = uploadDir(b, uploadId).resolve(partName(partNumber));
            // the part on disk and its staged size change together, so concurrent uploads of one part number agree
            Map<Integer, Long> parts = b.stagedParts.computeIfAbsent(uploadId, id -> new java.util.HashMap<>());
            synchronized (parts) {
                try {
                    Files.move(t, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (NoSuchFileException e) {
                    b.stagedParts.remove(uploadId, parts);
                    throw S3ErrorCode.NO_SUCH_UPLOAD.exception(); // aborted meanwhile
                }
                if (b.stagedParts.get(uploadId) == parts) {
                    staged(b, uploadId, partNumber, part.size());
                }
            }
            fsync(target.getParent());
            return part;
        } catch (IOException e) {
            throw internal(e);
        } finally {
            deleteQuietly(t);
        }
    }

    private static String partName(int partNumber) {
        return "part-%05d".formatted(partNumber);
    }

    @Override
    public List<PartInfo> listParts(String bucket, String key, String uploadId) {
        BucketState b = requireBucket(bucket);
        upload(bucket, key, uploadId);
        List<PartInfo> parts = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(uploadDir(b, uploadId), "part-*")) {
            for (Path f : files) {
                try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
                    parts.add(json.readValue(readHeader(ch), PartInfo.class));
                }
            }
        } catch (NoSuchFileException e) {
            throw S3ErrorCode.NO_SUCH_UPLOAD.exception();
        } catch (IOException e) {
            throw internal(e);
        }
        parts.sort(Comparator.comparingInt(PartInfo::partNumber));
        return parts;
    }

    @Override
    public ObjectInfo completeUpload(String bucket, String key, String uploadId, List<CompletedPart> requested) {
        BucketState b = requireBucket(bucket);
        UploadInfo upload = upload(bucket, key, uploadId);
        if (requested.isEmpty()) throw S3ErrorCode.MALFORMED_XML.exception("You must specify at least one part");
        Map<Integer, PartInfo> stored = new java.util.HashMap<>();
        for (PartInfo p : listParts(bucket, key, uploadId)) stored.put(p.partNumber(), p);
        List<PartInfo> parts = new ArrayList<>();
        int previous = 0;
        for (CompletedPart cp : requested) {
            if (cp.partNumber() <= previous) throw S3ErrorCode.INVALID_PART_ORDER.exception();
            previous = cp.partNumber();
            PartInfo p = stored.get(cp.partNumber());
            if (p == null || !p.etag().equals(stripQuotes(cp.etag()))) throw S3ErrorCode.INVALID_PART.exception();
            parts.add(p);
        }
        for (int i = 0; i < parts.size() - 1; i++) {
            if (parts.get(i).size() < minPartSize) {
                throw S3ErrorCode.ENTITY_TOO_SMALL.exception()
                        .with("ProposedSize", Long.toString(parts.get(i).size()))
                        .with("MinSizeAllowed", Long.toString(minPartSize))
                        .with("PartNumber", Integer.toString(parts.get(i).partNumber()))
                        .with("ETag", parts.get(i).etag());
            }
        }
        Path dir = uploadDir(b, uploadId);
        Path t = newTemp();
        try {
            MessageDigest md5s = ChecksumAlgorithm.digest("MD5");
            ChecksumAlgorithm alg = upload.checksumAlgorithm();
            ChecksumAlgorithm.Hasher composite = alg == null ? null : alg.newHasher();
            long crc = 0;
            long size = 0;
            try (FileChannel out = FileChannel.open(t, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                for (PartInfo p : parts) {
                    try (FileChannel in = FileChannel.open(dir.resolve(partName(p.partNumber())), StandardOpenOption.READ)) {
                        transfer(in, 0, p.size(), out);
                    }
                    md5s.update(HexFormat.of().parseHex(p.etag()));
                    if (composite != null) {
                        String c = p.checksums().get(alg);
                        if (c == null) composite = null;
                        else {
                            byte[] raw = Base64.getDecoder().decode(c);
                            composite.update(raw, 0, raw.length);
                        }
                    }
                    long partCrc = Integer.toUnsignedLong(java.nio.ByteBuffer.wrap(Base64.getDecoder().decode(p.crc32c())).getInt());
                    crc = size == 0 ? partCrc : Crc32cCombine.combine(crc, partCrc, p.size());
                    size += p.size();
                }
                Map<ChecksumAlgorithm, String> checksums = composite == null ? Map.of()
                        : Map.of(alg, Base64.getEncoder().encodeToString(composite.digest()) + "-" + parts.size());
                String etag = HexFormat.of().formatHex(md5s.digest()) + "-" + parts.size();
                String crc32c = Base64.getEncoder().encodeToString(new byte[] {
                        (byte) (crc >>> 24), (byte) (crc >>> 16), (byte) (crc >>> 8), (byte) crc});
                ObjectInfo info = new ObjectInfo(key, size, etag, clock.instant(), upload.attributes(), checksums,
                        checksums.isEmpty() ? null : "COMPOSITE", crc32c, parts.stream().map(PartInfo::size).toList());
                writeTrailer(out, info);
                out.force(false);
                commit(b, key, t, info);
                Path grave = tmp.resolve("completed-" + uploadId);
                Files.move(dir, grave, StandardCopyOption.ATOMIC_MOVE);
                unstaged(b, uploadId);
                fsync(dir.getParent());
                deleteRecursively(grave);
                return info;
            }
        } catch (IOException e) {
            throw internal(e);
        } finally {
            deleteQuietly(t);
        }
    }

    @Override
    public void abortUpload(String bucket, String key, String uploadId) {
        BucketState b = requireBucket(bucket);
        upload(bucket, key, uploadId);
        Path grave = tmp.resolve("aborted-" + uploadId);
        try {
            Files.move(uploadDir(b, uploadId), grave, StandardCopyOption.ATOMIC_MOVE);
            unstaged(b, uploadId);
            fsync(b.dir.resolve("uploads"));
            deleteRecursively(grave);
        } catch (NoSuchFileException e) {
            throw S3ErrorCode.NO_SUCH_UPLOAD.exception();
        } catch (IOException e) {
            throw internal(e);
        }
    }

    @Override
    public List<UploadInfo> listUploads(String bucket, String prefix) {
        BucketState b = requireBucket(bucket);
        List<UploadInfo> out = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(b.dir.resolve("uploads"))) {
            for (Path d : dirs) {
                String id = d.getFileName().toString();
                try {
                    UploadRecord rec = readUpload(b, id);
                    if (prefix == null || rec.key().startsWith(prefix)) {
                        out.add(new UploadInfo(bucket, rec.key(), id, rec.initiated(), rec.attributes(), rec.checksumAlgorithm()));
                    }
                } catch (S3Exception gone) {
                    // completed or aborted while listing
                }
            }
        } catch (IOException e) {
            throw internal(e);
        }
        out.sort(Comparator.comparing(UploadInfo::key, KeyOrder.INSTANCE).thenComparing(UploadInfo::initiated));
        return out;
    }

    // ---------------------------------------------------------------- plumbing

    private BucketState requireBucket(String bucket) {
        BucketState b = buckets.get(bucket);
        if (b == null) throw S3ErrorCode.NO_SUCH_BUCKET.exception().with("BucketName", bucket);
        return b;
    }

    private Path objectPath(BucketState b, String key) {
        return objectPath(b.dir, key);
    }

    private static Path objectPath(Path bucketDir, String key) {
        byte[] h = ChecksumAlgorithm.digest("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        String hex = HexFormat.of().formatHex(h);
        return bucketDir.resolve("objects").resolve(hex.substring(0, 2)).resolve(hex);
    }

    /** Renames the finished temp file over the key and updates the index, under the key's lock. */
    private void commit(BucketState b, String key, Path t, ObjectInfo info) throws IOException {
        ReentrantLock lock = lockFor(b.info.name(), key);
        lock.lock();
        try {
            moveIntoPlace(b, key, t, info);
        } finally {
            lock.unlock();
        }
    }

    private void moveIntoPlace(BucketState b, String key, Path t, ObjectInfo info) throws IOException {
        Path target = objectPath(b, key);
        place(b, t, target);
        fsync(target.getParent());
        // an older image of the key may still be in the log: the replay must not bring it back
        logDurably(CommitLog.REPLACED, b.info.name(), key, null);
        indexed(b, info);
    }

    private void logDurably(byte type, String bucket, String key, Path touched) throws IOException {
        long ticket;
        try {
            ticket = commitLog.append(type, bucket, key, null);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        commitLog.done(ticket, touched);
    }

    /** Renames a finished temp file over the target (creating its shard directory durably). */
    private void place(BucketState b, Path t, Path target) throws IOException {
        Path shard = target.getParent();
        int shardNo = Integer.parseInt(shard.getFileName().toString(), 16);
        if (b.shardReady.get(shardNo) == null) {
            if (!Files.isDirectory(shard)) {
                try {
                    Files.createDirectory(shard);
                } catch (FileAlreadyExistsException ignored) {
                    // created concurrently
                }
                fsync(shard.getParent());
            }
            b.shardReady.set(shardNo, Boolean.TRUE);
        }
        Files.move(t, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void indexed(BucketState b, ObjectInfo info) {
        ObjectSummary old = b.index.put(summary(info));
        b.used.addAndGet(info.size() - (old == null ? 0 : old.size()));
    }

    private static ObjectSummary summary(ObjectInfo info) {
        return new ObjectSummary(info.key(), info.size(), info.etag(), info.lastModified());
    }

    private ReentrantLock lockFor(String bucket, String key) {
        return keyLocks[Math.floorMod(31 * bucket.hashCode() + key.hashCode(), keyLocks.length)];
    }

    private Path newTemp() {
        return tmp.resolve(tempPrefix + tempCounter.incrementAndGet() + ".tmp");
    }

    /**
     * Streams the body to the file. Every {@link #FLUSH_EVERY} bytes a background fdatasync starts,
     * so the disk writes back while the next bytes arrive and are hashed, and the fsync that
     * acknowledges the object has only the tail left to flush.
     */
    private static long copy(InputStream in, FileChannel out) throws IOException {
        byte[] buf = new byte[COPY_BUFFER];
        ByteBuffer bb = ByteBuffer.wrap(buf);
        long total = 0;
        long unflushed = 0;
        java.util.concurrent.Future<?> flushing = null;
        int n;
        try {
            while ((n = in.read(buf, 0, buf.length)) >= 0) {
                if (n == 0) continue;
                bb.clear().limit(n);
                while (bb.hasRemaining()) out.write(bb);
                total += n;
                unflushed += n;
                if (unflushed >= FLUSH_EVERY && (flushing == null || flushing.isDone())) {
                    await(flushing);
                    flushing = FLUSHER.submit(() -> {
                        out.force(false);
                        return null;
                    });
                    unflushed = 0;
                }
            }
        } finally {
            await(flushing);
        }
        return total;
    }

    private static final long FLUSH_EVERY = 8L * 1024 * 1024;
    private static final java.util.concurrent.ExecutorService FLUSHER = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();

    private static void await(java.util.concurrent.Future<?> f) throws IOException {
        if (f == null) return;
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while flushing", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof java.nio.channels.ClosedChannelException) return; // the write failed and closed the file
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    private static void transfer(FileChannel in, long position, long count, FileChannel out) throws IOException {
        long done = 0;
        while (done < count) {
            long n = in.transferTo(position + done, count - done, out);
            if (n <= 0) throw new IOException("short transfer");
            done += n;
        }
    }

    private void writeTrailer(FileChannel ch, ObjectInfo info) throws IOException {
        writeTrailerBytes(ch, json.writeValueAsBytes(info));
    }

    private static void writeTrailerBytes(FileChannel ch, byte[] header) throws IOException {
        ByteBuffer bb = ByteBuffer.allocate(header.length + TRAILER);
        bb.put(header).putLong(header.length).put(MAGIC).flip();
        while (bb.hasRemaining()) ch.write(bb);
    }

    private ObjectInfo readInfo(FileChannel ch) throws IOException {
        return json.readValue(readHeader(ch), ObjectInfo.class);
    }

    private static byte[] readHeader(FileChannel ch) throws IOException {
        long size = ch.size();
        if (size < TRAILER) throw new IOException("not an object file");
        ByteBuffer t = ByteBuffer.allocate(TRAILER);
        readFully(ch, t, size - TRAILER);
        for (int i = 0; i < 4; i++) if (t.get(8 + i) != MAGIC[i]) throw new IOException("bad magic");
        long len = t.getLong(0);
        if (len < 0 || len > size - TRAILER) throw new IOException("bad header length");
        ByteBuffer h = ByteBuffer.allocate((int) len);
        readFully(ch, h, size - TRAILER - len);
        return h.array();
    }

    private static void readFully(FileChannel ch, ByteBuffer bb, long position) throws IOException {
        while (bb.hasRemaining()) {
            int n = ch.read(bb, position + bb.position());
            if (n < 0) throw new IOException("unexpected end of file");
        }
    }

    private static void writeDurably(Path file, byte[] bytes) throws IOException {
        Path t = file.resolveSibling(file.getFileName() + ".new");
        try (FileChannel ch = FileChannel.open(t, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ByteBuffer bb = ByteBuffer.wrap(bytes);
            while (bb.hasRemaining()) ch.write(bb);
            ch.force(true);
        }
        Files.move(t, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static void fsync(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    private static void deleteChildren(Path dir) throws IOException {
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path c : children) deleteRecursively(c);
        }
    }

    static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path x : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(x);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a leftover temp file is removed at the next start
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // nothing useful to do
        }
    }

    private static String stripQuotes(String etag) {
        if (etag == null) return "";
        String e = etag.trim();
        if (e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"")) e = e.substring(1, e.length() - 1);
        return e;
    }

    private static S3Exception internal(Exception e) {
        log.error("storage failure", e);
        return new S3Exception(S3ErrorCode.INTERNAL_ERROR, S3ErrorCode.INTERNAL_ERROR.defaultMessage(), e);
    }

}
