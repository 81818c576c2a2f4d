package io.flashback.bridge.s3;

import io.flashback.bridge.server.Response;
import io.flashback.bridge.storage.ChecksumAlgorithm;
import io.flashback.bridge.storage.ObjectAttributes;
import io.flashback.bridge.storage.ObjectInfo;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Object attributes from request headers and back to response headers. */
public final class ObjectHeaders {
    private static final int MAX_USER_METADATA = 2 * 1024;
    private static final int MAX_TAGS = 10;

    private ObjectHeaders() {}

    public static ObjectAttributes attributes(S3Request req) {
        Map<String, String> meta = new TreeMap<>();
        int metaSize = 0;
        for (Map.Entry<String, String> h : req.headers()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith("x-amz-meta-")) {
                String k = name.substring("x-amz-meta-".length());
                meta.merge(k, h.getValue(), (a, b) -> a + "," + b);
                metaSize += k.length() + h.getValue().length();
            }
        }
        if (metaSize > MAX_USER_METADATA) throw S3ErrorCode.METADATA_TOO_LARGE.exception();
        String encoding = req.header("content-encoding");
        if (encoding != null) {
            // aws-chunked describes the transfer, not the object (as S3 does)
            encoding = Arrays.stream(encoding.split(",")).map(String::trim)
                    .filter(e -> !e.isEmpty() && !e.equalsIgnoreCase("aws-chunked")).collect(Collectors.joining(","));
            if (encoding.isEmpty()) encoding = null;
        }
        return new ObjectAttributes(req.header("content-type"), encoding, req.header("content-disposition"),
                req.header("content-language"), req.header("cache-control"), req.header("expires"), meta,
                parseTagging(req.header("x-amz-tagging")));
    }

    /** The x-amz-tagging header: URL-query encoded {@code k1=v1&k2=v2}. */
    public static Map<String, String> parseTagging(String header) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (header == null || header.isBlank()) return tags;
        for (String pair : header.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            tags.put(k, v);
        }
        validateTags(tags);
        return tags;
    }

    public static void validateTags(Map<String, String> tags) {
        if (tags.size() > MAX_TAGS) throw S3ErrorCode.INVALID_TAG.exception("Object tags cannot be greater than 10");
        for (Map.Entry<String, String> t : tags.entrySet()) {
            if (t.getKey().isEmpty() || t.getKey().length() > 128) throw S3ErrorCode.INVALID_TAG.exception("The TagKey you have provided is invalid");
            if (t.getValue().length() > 256) throw S3ErrorCode.INVALID_TAG.exception("The TagValue you have provided is too long");
        }
    }

    /** Headers of GetObject/HeadObject (and the metadata part of other responses). */
    public static void write(Response.Builder b, ObjectInfo info, boolean includeChecksums) {
        ObjectAttributes a = info.attributes();
        b.header("ETag", info.quotedEtag());
        b.header("Last-Modified", httpDate(info.lastModified()));
        b.header("Content-Type", a.contentType() != null ? a.contentType() : ObjectAttributes.DEFAULT_CONTENT_TYPE);
        b.header("Content-Encoding", a.contentEncoding());
        b.header("Content-Disposition", a.contentDisposition());
        b.header("Content-Language", a.contentLanguage());
        b.header("Cache-Control", a.cacheControl());
        b.header("Expires", a.expires());
        a.userMetadata().forEach((k, v) -> b.header("x-amz-meta-" + k, v));
        if (!a.tags().isEmpty()) b.header("x-amz-tagging-count", Integer.toString(a.tags().size()));
        if (includeChecksums) checksums(b, info);
    }

    public static void checksums(Response.Builder b, ObjectInfo info) {
        for (Map.Entry<ChecksumAlgorithm, String> c : info.checksums().entrySet()) b.header(c.getKey().header(), c.getValue());
        if (info.checksumType() != null) b.header("x-amz-checksum-type", info.checksumType());
    }

    private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    public static String httpDate(Instant t) {
        return RFC_1123.format(t);
    }

    public static Instant parseHttpDate(String text) {
        if (text == null) return null;
        try {
            return ZonedDateTime.parse(text.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text.trim());
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
