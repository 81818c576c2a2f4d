package io.flashback.bridge.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flashback.bridge.s3.S3ErrorCode;
import io.flashback.bridge.s3.S3Exception;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #4: a small object is acknowledged once its commit-log record is flushed, before its own
 * file is synced. A crash that loses those unsynced files (or an unsynced unlink) must not lose
 * or resurrect anything: the next start replays the log. The "crash" is a store that is never
 * closed (so nothing is checkpointed) followed by damage to the files a power loss could undo.
 */
class RecoveringLoggedWritesAfterACrashTest {
    @TempDir
    Path dir;

    private final List<FilesystemObjectStore> crashed = new ArrayList<>();

    private FilesystemObjectStore store() {
        return new FilesystemObjectStore(dir, Clock.systemUTC(), 5L * 1024 * 1024);
    }

    /** A store that is abandoned without close(), as a killed process leaves it. */
    private FilesystemObjectStore storeThatWillCrash() {
        FilesystemObjectStore s = store();
        crashed.add(s);
        return s;
    }

    @AfterEach
    void releaseThreads() {
        crashed.forEach(FilesystemObjectStore::close);
    }

    private static byte[] read(ObjectStore store, String key) throws IOException {
        try (ObjectHandle h = store.open("b", key); InputStream in = ContentStreams.open(h.content(0, h.info().size()))) {
            return in.readAllBytes();
        }
    }

    private static List<Path> objectFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir.resolve("buckets/b/objects"))) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    @Test // #4
    void acknowledgedSmallObjectsComeBackWhenTheirUnsyncedFilesAreLost() throws IOException {
        FilesystemObjectStore before = storeThatWillCrash();
        before.createBucket("b", "alice");
        Random random = new Random(4);
        List<byte[]> written = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            byte[] data = new byte[1 + random.nextInt(FilesystemObjectStore.LOGGED_MAX)];
            random.nextBytes(data);
            before.put("b", "k" + i, ObjectBody.of(data), ObjectAttributes.empty());
            written.add(data);
        }
        for (Path f : objectFiles(dir)) Files.delete(f); // what a power loss may do to files never fsynced

        FilesystemObjectStore after = store();
        for (int i = 0; i < 20; i++) assertThat(read(after, "k" + i)).as("k" + i).isEqualTo(written.get(i));
        assertThat(after.list("b", new ListQuery("", null, "", 1000)).objects()).hasSize(20);
        try (Stream<Path> journal = Files.list(dir.resolve("journal"))) {
            assertThat(journal.filter(f -> Files.isRegularFile(f) && sizeOf(f) > 0).toList())
                    .as("the replayed log is checkpointed and removed").isEmpty();
        }
        after.close();
    }

    @Test // #4
    void aReplayNeverBringsBackAnOlderImageOfAKey() throws IOException {
        FilesystemObjectStore before = storeThatWillCrash();
        before.createBucket("b", "alice");
        before.put("b", "replaced", ObjectBody.of("small old".getBytes(StandardCharsets.UTF_8)), ObjectAttributes.empty());
        byte[] large = new byte[FilesystemObjectStore.LOGGED_MAX + 1];
        new Random(5).nextBytes(large);
        before.put("b", "replaced", ObjectBody.of(large), ObjectAttributes.empty()); // durable on its own, not logged
        before.put("b", "deleted", ObjectBody.of("gone".getBytes(StandardCharsets.UTF_8)), ObjectAttributes.empty());
        Path deletedFile = objectFiles(dir).stream().filter(f -> sizeOf(f) < 1000).findFirst().orElseThrow();
        byte[] deletedImage = Files.readAllBytes(deletedFile);
        before.delete("b", "deleted");
        Files.write(deletedFile, deletedImage); // a power loss may undo an unlink that was never synced

        FilesystemObjectStore after = store();
        assertThat(read(after, "replaced")).isEqualTo(large);
        assertThatThrownBy(() -> after.head("b", "deleted"))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.code()).isEqualTo(S3ErrorCode.NO_SUCH_KEY));
        assertThat(after.list("b", new ListQuery("", null, "", 1000)).objects()).extracting(ObjectSummary::key)
                .containsExactly("replaced");
        after.close();
    }

    @Test // #4
    void aCleanCloseLeavesNothingToReplay() throws IOException {
        FilesystemObjectStore s = store();
        s.createBucket("b", "alice");
        for (int i = 0; i < 10; i++) s.put("b", "k" + i, ObjectBody.of(new byte[100]), ObjectAttributes.empty());
        s.delete("b", "k0");
        s.close();
        try (Stream<Path> journal = Files.list(dir.resolve("journal"))) {
            assertThat(journal.toList()).isEmpty();
        }
    }

    private static long sizeOf(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
