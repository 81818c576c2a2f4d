package io.flashback.bridge.gcs;

import io.flashback.bridge.grants.Grant;
import io.flashback.bridge.grants.Grants;
import io.flashback.bridge.s3.BucketNames;
import io.flashback.bridge.s3.S3ErrorCode;
import io.flashback.bridge.s3.S3Exception;
import io.flashback.bridge.server.Exchange;
import io.flashback.bridge.server.ProtocolFrontend;
import io.flashback.bridge.server.RequestUri;
import io.flashback.bridge.server.Response;
import io.flashback.bridge.storage.ContentStreams;
import io.flashback.bridge.storage.ListPage;
import io.flashback.bridge.storage.ListQuery;
import io.flashback.bridge.storage.ObjectAttributes;
import io.flashback.bridge.storage.ObjectBody;
import io.flashback.bridge.storage.ObjectContent;
import io.flashback.bridge.storage.ObjectHandle;
import io.flashback.bridge.storage.ObjectInfo;
import io.flashback.bridge.storage.QuotaObjectStore;
import io.flashback.bridge.storage.ObjectSummary;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.json.JsonMapper;

/**
 * The parts of the GCS JSON API ordinary clients use
 * (https://cloud.google.com/storage/docs/json_api/v1): buckets insert/get/list/delete; objects
 * insert (media, multipart, resumable), get (metadata and {@code alt=media} with ranges), list,
 * delete, copy, rewrite, compose; crc32c/md5 hashes; generation preconditions. Bearer tokens map
 * to the same grants as S3 keys ({@link GcsTokens}); the store is the same.
 */
public final class GcsFrontend implements ProtocolFrontend {
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final Grants grants;
    private final Function<Grant, QuotaObjectStore> storeForGrant;
    private final ResumableUploads resumable;
    private final java.time.Clock clock;
    private final java.time.Duration tokenTtl;

    /** @param tokenTtl the longest a bearer token may live ({@link GcsTokens}) */
    public GcsFrontend(Grants grants, Function<Grant, QuotaObjectStore> storeForGrant, ResumableUploads resumable,
                       java.time.Clock clock, java.time.Duration tokenTtl) {
        this.grants = grants;
        this.clock = clock;
        this.tokenTtl = tokenTtl;
        this.storeForGrant = storeForGrant;
        this.resumable = resumable;
        this.routes = List.of(
                new GcsRoute("GET", false, 3, null, "gcs.buckets.list", this::listBuckets),
                new GcsRoute("POST", false, 3, null, "gcs.buckets.insert", this::insertBucket),
                new GcsRoute("GET", false, 4, null, "gcs.buckets.get", this::getBucket),
                new GcsRoute("DELETE", false, 4, null, "gcs.buckets.delete", this::deleteBucket),
                new GcsRoute("POST", true, 5, null, "gcs.objects.insert", this::insertObject),
                new GcsRoute("PUT", true, 5, null, "gcs.objects.insert", resumable::chunk),
                new GcsRoute("DELETE", true, 5, null, "gcs.objects.insert", resumable::cancel),
                new GcsRoute("GET", false, 5, null, "gcs.objects.list", this::listObjects),
                new GcsRoute("GET", false, 6, null, "gcs.objects.get", this::getObject),
                new GcsRoute("DELETE", false, 6, null, "gcs.objects.delete", this::deleteObject),
                new GcsRoute("PATCH", false, 6, null, "gcs.objects.patch", c -> patchObject(c, false)),
                new GcsRoute("PUT", false, 6, null, "gcs.objects.update", c -> patchObject(c, true)),
                new GcsRoute("POST", false, 7, "compose", "gcs.objects.compose", this::compose),
                new GcsRoute("POST", false, 11, "copyTo", "gcs.objects.copy", c -> copy(c, false)),
                new GcsRoute("POST", false, 11, "rewriteTo", "gcs.objects.rewrite", c -> copy(c, true)));
    }

    @Override
    public String protocol() {
        return "gcs";
    }

    @Override
    public boolean handles(Exchange ex, RequestUri uri) {
        String auth = ex.headers().get("authorization");
        if (auth != null && auth.startsWith("AWS")) return false;
        if (uri.param("X-Amz-Signature") != null) return false;
        String raw = ex.uri();
        return raw.startsWith("/storage/v1/") || raw.startsWith("/upload/storage/v1/") || raw.startsWith("/download/storage/v1/");
    }

    /** One request: its decoded path segments, query and grant. */
    record Call(Exchange ex, List<String> segments, RequestUri uri, Grant grant, QuotaObjectStore store, InputStream in) {
        String param(String name) {
            return uri.param(name);
        }

        String seg(int i) {
            return segments.get(i);
        }

        byte[] body() {
            try {
                return in.readNBytes(1 << 20);
            } catch (IOException e) {
                throw S3ErrorCode.INCOMPLETE_BODY.exception();
            }
        }
    }

    /**
     * One JSON API method: HTTP method, whether it is on the /upload path, and the shape of the
     * decoded path segments {@code storage v1 b [bucket [o [object [verb [b bucket2 o object2]]]]]}.
     */
    record GcsRoute(String method, boolean upload, int segments, String verb, String operation, Function<Call, Response> handler) {
        boolean matches(String m, boolean isUpload, Call c) {
            return method.equals(m) && upload == isUpload && c.segments().size() == segments
                    && (verb == null || c.seg(6).equals(verb));
        }
    }

    /** The routing table, one entry per operation (https://cloud.google.com/storage/docs/json_api/v1). */
    private final List<GcsRoute> routes;

    @Override
    public Outcome serve(Exchange ex, RequestUri uri, String requestId) {
        String operation = "gcs.unknown";
        String accessKey = "anonymous";
        try {
            String rawPath = ex.uri().split("\\?", 2)[0];
            List<String> segments = new ArrayList<>();
            for (String s : rawPath.substring(1).split("/", -1)) segments.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
            if (segments.get(0).equals("upload") || segments.get(0).equals("download")) segments = segments.subList(1, segments.size());
            boolean upload = rawPath.startsWith("/upload/");
            Grant grant = authenticate(ex);
            accessKey = grant.accessKey();
            // the Google client gzips request bodies
            InputStream in = "gzip".equalsIgnoreCase(ex.headers().get("content-encoding"))
                    ? new java.util.zip.GZIPInputStream(ex.body(), 64 * 1024) : ex.body();
            Call c = new Call(ex, segments, uri, grant, storeForGrant.apply(grant), in);
            // java.net.HttpURLConnection cannot send PATCH: the Google client POSTs with an override header
            String override = ex.headers().get("x-http-method-override");
            String method = override != null && ex.method().equals("POST") ? override.toUpperCase(java.util.Locale.ROOT) : ex.method();
            Call call = c;
            GcsRoute route = routes.stream().filter(rt -> rt.matches(method, upload, call)).findFirst()
                    .orElseThrow(() -> S3ErrorCode.NOT_IMPLEMENTED.exception(
                            "This GCS JSON API call (" + method + " " + rawPath + ") is not supported by this node."));
            operation = route.operation();
            Response r = route.handler().apply(c);
            ex.respond(r);
        } catch (S3Exception e) {
            fail(ex, e);
        } catch (tools.jackson.core.JacksonException | IllegalArgumentException e) {
            fail(ex, S3ErrorCode.INVALID_ARGUMENT.exception("Invalid request: " + e.getMessage()));
        } catch (IOException e) {
            fail(ex, S3ErrorCode.INCOMPLETE_BODY.exception("The request body could not be read."));
        }
        return new Outcome(operation, accessKey);
    }

    private static void fail(Exchange ex, S3Exception e) {
        if (ex.responded()) ex.abort();
        else ex.respond(GcsErrors.render(e));
    }

    private Grant authenticate(Exchange ex) {
        String auth = ex.headers().get("authorization");
        if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) throw GcsErrors.unauthenticated();
        return GcsTokens.verify(auth.substring(7).trim(), grants, clock.instant(), tokenTtl).orElseThrow(() ->
                S3ErrorCode.INVALID_ACCESS_KEY_ID.exception("Invalid bearer token."));
    }

    static String bucketOf(Call c, String name, boolean write) {
        BucketNames.require(name);
        if (!c.grant().covers(name)) throw S3ErrorCode.ACCESS_DENIED.exception(c.grant().owner() + " does not have access to bucket " + name);
        if (write && !c.grant().canWrite()) throw S3ErrorCode.ACCESS_DENIED.exception("This grant is read-only.");
        return name;
    }

    static Response json(Object body) {
        return Response.status(200).json(JSON.writeValueAsBytes(body)).build();
    }

    // ------------------------------------------------------------ buckets

    private Response listBuckets(Call c) {
        List<Object> items = new ArrayList<>();
        c.store().listBuckets().stream().filter(b -> c.grant().covers(b.name())).forEach(b -> items.add(GcsResources.bucket(b)));
        return json(Map.of("kind", "storage#buckets", "items", items));
    }

    @SuppressWarnings("unchecked")
    private Response insertBucket(Call c) {
        Map<String, Object> body = JSON.readValue(c.body(), Map.class);
        String name = String.valueOf(body.get("name"));
        bucketOf(c, name, true);
        if (c.store().bucket(name).isPresent()) throw S3ErrorCode.BUCKET_ALREADY_EXISTS.exception("You already own this bucket. Please select another name.");
        return json(GcsResources.bucket(c.store().createBucket(name, c.grant().owner())));
    }

    private Response getBucket(Call c) {
        String bucket = bucketOf(c, c.seg(3), false);
        return json(GcsResources.bucket(c.store().bucket(bucket).orElseThrow(() -> S3ErrorCode.NO_SUCH_BUCKET.exception("The specified bucket does not exist."))));
    }

    private Response deleteBucket(Call c) {
        c.store().deleteBucket(bucketOf(c, c.seg(3), true));
        return Response.status(204).build();
    }

    // ------------------------------------------------------------ objects

    private Response listObjects(Call c) {
        String bucket = bucketOf(c, c.seg(3), false);
        int max = c.param("maxResults") == null ? 1000 : Math.min(1000, Integer.parseInt(c.param("maxResults")));
        String token = c.param("pageToken");
        String from = token == null ? c.param("startOffset") : new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        ListPage page = c.store().list(bucket, new ListQuery(c.param("prefix"), c.param("delimiter"), from, max));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", "storage#objects");
        List<Object> items = new ArrayList<>();
        for (ObjectSummary s : page.objects()) items.add(GcsResources.summary(bucket, s));
        out.put("items", items);
        if (!page.commonPrefixes().isEmpty()) out.put("prefixes", page.commonPrefixes());
        if (page.truncated()) {
            out.put("nextPageToken", Base64.getUrlEncoder().withoutPadding().encodeToString(page.nextMarker().getBytes(StandardCharsets.UTF_8)));
        }
        return json(out);
    }

    private Response getObject(Call c) {
        String bucket = bucketOf(c, c.seg(3), false);
        ObjectHandle h = c.store().open(bucket, c.seg(5));
        boolean handedOver = false;
        try {
            ObjectInfo info = h.info();
            Preconditions.check(info, c);
            if (c.param("generation") != null && !c.param("generation").equals(Long.toString(info.generation()))) {
                throw S3ErrorCode.NO_SUCH_KEY.exception("No such object: " + bucket + "/" + info.key());
            }
            if (!"media".equals(c.param("alt"))) return json(GcsResources.object(bucket, info));
            long start = 0;
            long length = info.size();
            Response.Builder b;
            String range = c.ex().headers().get("range");
            Long[] r = range == null ? null : parseRange(range, info.size());
            if (r != null) {
                start = r[0];
                length = r[1];
                b = Response.status(206).header("Content-Range", "bytes " + start + "-" + (start + length - 1) + "/" + info.size());
            } else {
                b = Response.status(200);
            }
            b.header("Content-Type", info.attributes().contentType() == null ? "application/octet-stream" : info.attributes().contentType())
                    .header("Content-Encoding", info.attributes().contentEncoding())
                    .header("x-goog-generation", Long.toString(info.generation()))
                    .header("x-goog-metageneration", "1")
                    .header("x-goog-stored-content-length", Long.toString(info.size()))
                    .header("x-goog-hash", hashes(info))
                    .header("ETag", info.etag())
                    .header("Accept-Ranges", "bytes");
            if (length == 0) return b.build();
            ObjectContent content = h.content(start, length);
            handedOver = true;
            return b.body(switch (content) {
                case ObjectContent.FileRegion f -> new Response.FileSlice(f.channel(), f.position(), f.length());
                case ObjectContent.Stream s -> new Response.Stream(s.stream(), s.length());
            }).build();
        } finally {
            if (!handedOver) h.close();
        }
    }

    private static String hashes(ObjectInfo info) {
        List<String> parts = new ArrayList<>();
        if (info.crc32c() != null) parts.add("crc32c=" + info.crc32c());
        String md5 = GcsResources.md5Base64(info.etag());
        if (md5 != null) parts.add("md5=" + md5);
        return parts.isEmpty() ? null : String.join(",", parts);
    }

    private static Long[] parseRange(String header, long size) {
        String h = header.trim();
        if (!h.startsWith("bytes=") || h.contains(",")) return null;
        String[] p = h.substring(6).split("-", 2);
        try {
            long start;
            long end;
            if (p[0].isEmpty()) {
                long suffix = Long.parseLong(p[1]);
                start = Math.max(0, size - suffix);
                end = size - 1;
            } else {
                start = Long.parseLong(p[0]);
                end = p.length < 2 || p[1].isEmpty() ? size - 1 : Math.min(Long.parseLong(p[1]), size - 1);
            }
            if (start >= size) throw S3ErrorCode.INVALID_RANGE.exception("Request range not satisfiable");
            return new Long[] {start, end - start + 1};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private Response deleteObject(Call c) {
        String bucket = bucketOf(c, c.seg(3), true);
        ObjectInfo info = c.store().head(bucket, c.seg(5));
        Preconditions.check(info, c);
        c.store().delete(bucket, c.seg(5));
        return Response.status(204).build();
    }

    /** objects.patch merges the given fields (a null metadata value removes the key); objects.update replaces them. */
    @SuppressWarnings("unchecked")
    private Response patchObject(Call c, boolean replace) {
        String bucket = bucketOf(c, c.seg(3), true);
        ObjectInfo current = c.store().head(bucket, c.seg(5));
        Preconditions.check(current, c);
        Map<String, Object> patch = JSON.readValue(c.body(), Map.class);
        ObjectAttributes a = current.attributes();
        Map<String, String> meta = new LinkedHashMap<>(replace ? Map.of() : a.userMetadata());
        if (patch.get("metadata") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if (v == null) meta.remove(String.valueOf(k));
                else meta.put(String.valueOf(k), String.valueOf(v));
            });
        }
        ObjectAttributes next = new ObjectAttributes(
                field(patch, "contentType", replace ? null : a.contentType()),
                field(patch, "contentEncoding", replace ? null : a.contentEncoding()),
                field(patch, "contentDisposition", replace ? null : a.contentDisposition()),
                field(patch, "contentLanguage", replace ? null : a.contentLanguage()),
                field(patch, "cacheControl", replace ? null : a.cacheControl()),
                a.expires(), meta, a.tags());
        return json(GcsResources.object(bucket, c.store().updateAttributes(bucket, c.seg(5), next)));
    }

    private static String field(Map<String, Object> patch, String name, String otherwise) {
        if (!patch.containsKey(name)) return otherwise;
        Object v = patch.get(name);
        return v == null ? null : String.valueOf(v);
    }

    @SuppressWarnings("unchecked")
    private Response insertObject(Call c) {
        String bucket = bucketOf(c, c.seg(3), true);
        String type = c.param("uploadType");
        if ("resumable".equals(type)) {
            byte[] meta = c.body();
            Map<String, Object> metadata = meta.length == 0 ? Map.of() : JSON.readValue(meta, Map.class);
            return resumable.start(c, bucket, metadata);
        }
        try {
            if ("multipart".equals(type)) {
                MultipartRelated parts = new MultipartRelated(c.in(), c.ex().headers().get("content-type"));
                Map<String, Object> metadata = JSON.readValue(parts.metadataPart(), Map.class);
                long hint = Long.parseLong(c.ex().headers().get("content-length", "-1"));
                ObjectBody body = new ObjectBody(parts.dataPart(), -1).withSizeHint(hint);
                return json(GcsResources.object(bucket, store(c, bucket, metadata, body)));
            }
            if ("media".equals(type) || type == null) {
                String len = c.ex().headers().get("content-length");
                if (len == null) throw S3ErrorCode.MISSING_CONTENT_LENGTH.exception();
                Map<String, Object> metadata = new LinkedHashMap<>();
                metadata.put("name", c.param("name"));
                metadata.put("contentType", c.ex().headers().get("content-type"));
                ObjectBody body = new ObjectBody(c.in(), c.in() == c.ex().body() ? Long.parseLong(len) : -1).withSizeHint(Long.parseLong(len));
                return json(GcsResources.object(bucket, store(c, bucket, metadata, body)));
            }
        } catch (IOException e) {
            throw S3ErrorCode.INCOMPLETE_BODY.exception();
        }
        throw S3ErrorCode.INVALID_ARGUMENT.exception("Unsupported uploadType " + type);
    }

    /** Stores an upload, verifying the md5Hash / crc32c the client declared, under the generation preconditions. */
    static ObjectInfo store(Call c, String bucket, Map<String, Object> metadata, ObjectBody body) {
        String name = metadata.get("name") != null ? String.valueOf(metadata.get("name")) : c.param("name");
        if (name == null || name.isEmpty()) throw S3ErrorCode.INVALID_ARGUMENT.exception("Required object name is missing.");
        Preconditions.checkBeforeWrite(c, bucket, name);
        Object md5 = metadata.get("md5Hash");
        Object crc = metadata.get("crc32c");
        String goog = c.ex().headers().get("x-goog-hash");
        if (goog != null) {
            for (String p : goog.split(",")) {
                String t = p.trim();
                if (t.startsWith("crc32c=") && crc == null) crc = t.substring(7);
                if (t.startsWith("md5=") && md5 == null) md5 = t.substring(4);
            }
        }
        Object expectedMd5 = md5;
        Object expectedCrc = crc;
        body.verifying(b -> {
            if (expectedMd5 != null && !Base64.getEncoder().encodeToString(b.md5()).equals(expectedMd5)) {
                throw S3ErrorCode.BAD_DIGEST.exception("Provided MD5 hash does not match the object's data.");
            }
            if (expectedCrc != null && !b.crc32cBase64().equals(expectedCrc)) {
                throw S3ErrorCode.BAD_DIGEST.exception("Provided CRC32C \"" + expectedCrc + "\" doesn't match calculated CRC32C \"" + b.crc32cBase64() + "\".");
            }
        });
        return c.store().put(bucket, name, body, attributes(metadata));
    }

    @SuppressWarnings("unchecked")
    static ObjectAttributes attributes(Map<String, Object> m) {
        Map<String, String> user = new LinkedHashMap<>();
        if (m.get("metadata") instanceof Map<?, ?> meta) meta.forEach((k, v) -> user.put(String.valueOf(k), String.valueOf(v)));
        return new ObjectAttributes(str(m, "contentType"), str(m, "contentEncoding"), str(m, "contentDisposition"),
                str(m, "contentLanguage"), str(m, "cacheControl"), null, user, Map.of());
    }

    private static String str(Map<String, Object> m, String k) {
        Object v = m.get(k);
        return v == null ? null : String.valueOf(v);
    }

    @SuppressWarnings("unchecked")
    private Response copy(Call c, boolean rewrite) {
        String srcBucket = bucketOf(c, c.seg(3), false);
        String dstBucket = bucketOf(c, c.seg(8), true);
        String dstName = c.seg(10);
        byte[] raw = c.body();
        Map<String, Object> metadata = raw.length == 0 ? Map.of() : JSON.readValue(raw, Map.class);
        try (ObjectHandle h = c.store().open(srcBucket, c.seg(5))) {
            ObjectInfo src = h.info();
            String sourceGeneration = c.param("ifSourceGenerationMatch");
            if (sourceGeneration != null && !sourceGeneration.equals(Long.toString(src.generation()))) {
                throw S3ErrorCode.PRECONDITION_FAILED.exception("At least one of the pre-conditions you specified did not hold.");
            }
            Preconditions.checkBeforeWrite(c, dstBucket, dstName);
            ObjectAttributes attrs = metadata.isEmpty() ? src.attributes() : attributes(metadata);
            ObjectBody body = new ObjectBody(ContentStreams.open(h.content(0, src.size())), src.size());
            ObjectInfo copied = c.store().put(dstBucket, dstName, body, attrs);
            Map<String, Object> resource = GcsResources.object(dstBucket, copied);
            if (!rewrite) return json(resource);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("kind", "storage#rewriteResponse");
            out.put("totalBytesRewritten", Long.toString(copied.size()));
            out.put("objectSize", Long.toString(copied.size()));
            out.put("done", true);
            out.put("resource", resource);
            return json(out);
        }
    }

    @SuppressWarnings("unchecked")
    private Response compose(Call c) {
        String bucket = bucketOf(c, c.seg(3), true);
        String name = c.seg(5);
        Map<String, Object> req = JSON.readValue(c.body(), Map.class);
        List<Map<String, Object>> sources = (List<Map<String, Object>>) req.getOrDefault("sourceObjects", List.of());
        if (sources.isEmpty() || sources.size() > 32) throw S3ErrorCode.INVALID_ARGUMENT.exception("Compose needs 1 to 32 source objects.");
        Map<String, Object> destination = (Map<String, Object>) req.getOrDefault("destination", Map.of());
        Preconditions.checkBeforeWrite(c, bucket, name);
        List<ObjectHandle> handles = new ArrayList<>();
        try {
            long total = 0;
            List<InputStream> streams = new ArrayList<>();
            for (Map<String, Object> s : sources) {
                ObjectHandle h = c.store().open(bucket, String.valueOf(s.get("name")));
                handles.add(h);
                Object gen = s.get("generation");
                if (gen != null && !String.valueOf(gen).equals(Long.toString(h.info().generation()))) {
                    throw S3ErrorCode.NO_SUCH_KEY.exception("Source generation not found.");
                }
                total += h.info().size();
                streams.add(ContentStreams.open(h.content(0, h.info().size())));
            }
            ObjectBody body = new ObjectBody(new SequenceInputStream(Collections.enumeration(streams)), total);
            ObjectAttributes attrs = attributes(destination);
            return json(GcsResources.object(bucket, c.store().put(bucket, name, body, attrs)));
        } finally {
            handles.forEach(ObjectHandle::close);
        }
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
