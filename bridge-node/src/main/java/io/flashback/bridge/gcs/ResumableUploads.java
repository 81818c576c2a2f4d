package io.flashback.bridge.gcs;

import io.flashback.bridge.s3.S3ErrorCode;
import io.flashback.bridge.s3.S3Exception;
import io.flashback.bridge.server.Response;
import io.flashback.bridge.storage.ObjectBody;
import io.flashback.bridge.storage.ObjectInfo;
import io.flashback.bridge.storage.QuotaObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Resumable uploads (https://cloud.google.com/storage/docs/performing-resumable-uploads): the
 * session collects chunks in a local file next to the data directory and hands the complete
 * body to the object store (which verifies and commits it atomically) when the last byte
 * arrives. Sessions live as long as the node process; a client whose session is gone starts over.
 * The bytes a session holds count against its grant's quota while they are staged (issue #13, H2):
 * a chunk that would take the grant past it is refused as it streams and the session is cancelled,
 * its file deleted; a cancel (DELETE of the session URI) or the finished upload gives them back.
 */
public final class ResumableUploads {
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\*|(\\d+)-(\\d+))/(\\*|\\d+)");

    private final Path dir;
    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();

    private static final class Session {
        final String accessKey;
        final String bucket;
        final Map<String, Object> metadata;
        final Path file;
        final QuotaObjectStore.Reservation staged;
        long received;

        Session(String accessKey, String bucket, Map<String, Object> metadata, Path file, QuotaObjectStore.Reservation staged) {
            this.accessKey = accessKey;
            this.bucket = bucket;
            this.metadata = metadata;
            this.file = file;
            this.staged = staged;
        }
    }

    public ResumableUploads(Path dataDir) {
        this.dir = dataDir.resolve("gcs-resumable");
        try {
            Files.createDirectories(dir);
            try (Stream<Path> leftovers = Files.list(dir)) {
                for (Path p : leftovers.toList()) Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Response start(GcsFrontend.Call c, String bucket, Map<String, Object> metadata) {
        String name = metadata.get("name") != null ? String.valueOf(metadata.get("name")) : c.param("name");
        if (name == null || name.isEmpty()) throw S3ErrorCode.INVALID_ARGUMENT.exception("Required object name is missing.");
        c.store().bucket(bucket).orElseThrow(() -> S3ErrorCode.NO_SUCH_BUCKET.exception("The specified bucket does not exist."));
        Preconditions.checkBeforeWrite(c, bucket, name);
        Map<String, Object> meta = new java.util.LinkedHashMap<>(metadata);
        meta.put("name", name);
        String contentType = c.ex().headers().get("x-upload-content-type");
        if (contentType != null && !meta.containsKey("contentType")) meta.put("contentType", contentType);
        String id = UUID.randomUUID().toString().replace("-", "");
        try {
            Path file = dir.resolve(id);
            Files.createFile(file);
            sessions.put(id, new Session(c.grant().accessKey(), bucket, meta, file, c.store().reservation()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // the client follows this URL: it must name this node as the client reached it
        String location = "http://" + c.ex().host() + "/upload/storage/v1/b/" + GcsFrontend.encode(bucket)
                + "/o?uploadType=resumable&name=" + GcsFrontend.encode(name) + "&upload_id=" + id;
        return Response.status(200).header("Location", location).header("X-GUploader-UploadID", id).build();
    }

    Response chunk(GcsFrontend.Call c) {
        String id = c.param("upload_id");
        Session s = id == null ? null : sessions.get(id);
        if (s == null) throw S3ErrorCode.NO_SUCH_UPLOAD.exception("No such upload session.");
        if (!s.accessKey.equals(c.grant().accessKey())) throw S3ErrorCode.ACCESS_DENIED.exception();
        synchronized (s) {
            String range = c.ex().headers().get("content-range");
            long length = Long.parseLong(c.ex().headers().get("content-length", "0"));
            long first = s.received;
            long total = -1;
            if (range != null) {
                Matcher m = CONTENT_RANGE.matcher(range.trim());
                if (!m.matches()) throw S3ErrorCode.INVALID_ARGUMENT.exception("Malformed Content-Range " + range);
                if (!m.group(4).equals("*")) total = Long.parseLong(m.group(4));
                if (m.group(2) != null) first = Long.parseLong(m.group(2));
            } else {
                total = length;
                first = 0;
            }
            try {
                // a declared total that cannot fit is refused before a byte is staged
                if (total > 0) s.staged.cover(total);
                if (length > 0) append(s, c.in(), first, length);
            } catch (S3Exception e) {
                if (e.code() == S3ErrorCode.QUOTA_EXCEEDED) end(id, s);
                throw e;
            } catch (IOException e) {
                throw S3ErrorCode.INCOMPLETE_BODY.exception();
            }
            if (total >= 0 && s.received == total) return finish(c, id, s, total);
            Response.Builder b = Response.status(308);
            if (s.received > 0) b.header("Range", "bytes=0-" + (s.received - 1));
            return b.build();
        }
    }

    /**
     * Appends the body, skipping bytes the session already has (a client resending after a 308).
     * Each block is covered by the session's quota reservation before it is written: the bytes
     * counted are those staged, whatever length the request declared.
     */
    private static void append(Session s, InputStream body, long first, long length) throws IOException {
        if (first > s.received) return; // a gap: the 308 tells the client where to resume
        long skip = s.received - first;
        body.skipNBytes(Math.min(skip, length));
        byte[] buf = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(s.file, StandardOpenOption.APPEND)) {
            int n;
            while ((n = body.read(buf)) >= 0) {
                s.staged.cover(s.received + n);
                out.write(buf, 0, n);
                s.received += n;
            }
        }
    }

    /**
     * Cancels a session (https://cloud.google.com/storage/docs/performing-resumable-uploads#cancel-upload):
     * its staged bytes are deleted and no longer count against the quota; GCS answers 499.
     */
    Response cancel(GcsFrontend.Call c) {
        String id = c.param("upload_id");
        Session s = id == null ? null : sessions.get(id);
        if (s == null) throw S3ErrorCode.NO_SUCH_UPLOAD.exception("No such upload session.");
        if (!s.accessKey.equals(c.grant().accessKey())) throw S3ErrorCode.ACCESS_DENIED.exception();
        synchronized (s) {
            end(id, s);
        }
        return Response.status(499).build();
    }

    /** Forgets a session: its file is deleted and its reservation given back. */
    private void end(String id, Session s) {
        sessions.remove(id);
        s.staged.close();
        try {
            Files.deleteIfExists(s.file);
        } catch (IOException ignored) {
            // removed at the next start
        }
    }

    private Response finish(GcsFrontend.Call c, String id, Session s, long total) {
        // the object's own write reserves its bytes: the staged copy stops counting now
        s.staged.close();
        try (InputStream in = Files.newInputStream(s.file)) {
            ObjectInfo info = GcsFrontend.store(c, s.bucket, s.metadata, new ObjectBody(in, total));
            return GcsFrontend.json(GcsResources.object(s.bucket, info));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            sessions.remove(id);
            try {
                Files.deleteIfExists(s.file);
            } catch (IOException ignored) {
                // removed at the next start
            }
        }
    }
}
