package io.flashback.bridge.gcs;

import io.flashback.bridge.storage.BucketInfo;
import io.flashback.bridge.storage.ObjectAttributes;
import io.flashback.bridge.storage.ObjectInfo;
import io.flashback.bridge.storage.ObjectSummary;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bucket and object resources as the JSON API shows them:
 * https://cloud.google.com/storage/docs/json_api/v1/objects#resource (64-bit numbers are strings).
 */
final class GcsResources {
    private GcsResources() {}

    static String time(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.MILLIS));
    }

    static Map<String, Object> bucket(BucketInfo b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "storage#bucket");
        m.put("id", b.name());
        m.put("name", b.name());
        m.put("projectNumber", "0");
        m.put("metageneration", "1");
        m.put("location", "US");
        m.put("storageClass", "STANDARD");
        m.put("etag", "CAE=");
        m.put("timeCreated", time(b.created() == null ? Instant.EPOCH : b.created()));
        m.put("updated", time(b.created() == null ? Instant.EPOCH : b.created()));
        return m;
    }

    static Map<String, Object> object(String bucket, ObjectInfo info) {
        Map<String, Object> m = base(bucket, info.key(), info.size(), info.etag(), info.lastModified(), info.generation());
        ObjectAttributes a = info.attributes();
        m.put("contentType", a.contentType() == null ? "application/octet-stream" : a.contentType());
        if (a.contentEncoding() != null) m.put("contentEncoding", a.contentEncoding());
        if (a.contentDisposition() != null) m.put("contentDisposition", a.contentDisposition());
        if (a.contentLanguage() != null) m.put("contentLanguage", a.contentLanguage());
        if (a.cacheControl() != null) m.put("cacheControl", a.cacheControl());
        if (!a.userMetadata().isEmpty()) m.put("metadata", a.userMetadata());
        if (info.crc32c() != null) m.put("crc32c", info.crc32c());
        if (info.partsCount() > 0) m.put("componentCount", info.partsCount());
        return m;
    }

    static Map<String, Object> summary(String bucket, ObjectSummary s) {
        long generation = s.lastModified().getEpochSecond() * 1_000_000L + s.lastModified().getNano() / 1_000;
        return base(bucket, s.key(), s.size(), s.etag(), s.lastModified(), generation);
    }

    private static Map<String, Object> base(String bucket, String name, long size, String etag, Instant updated, long generation) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "storage#object");
        m.put("id", bucket + "/" + name + "/" + generation);
        m.put("name", name);
        m.put("bucket", bucket);
        m.put("generation", Long.toString(generation));
        m.put("metageneration", "1");
        m.put("storageClass", "STANDARD");
        m.put("size", Long.toString(size));
        m.put("etag", etag);
        String md5 = md5Base64(etag);
        if (md5 != null) m.put("md5Hash", md5);
        m.put("timeCreated", time(updated));
        m.put("updated", time(updated));
        return m;
    }

    /** The MD5 of a simple object is its ETag; composed (multipart) objects have none, as in GCS. */
    static String md5Base64(String etag) {
        if (etag == null || etag.length() != 32 || etag.contains("-")) return null;
        return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(etag));
    }
}
