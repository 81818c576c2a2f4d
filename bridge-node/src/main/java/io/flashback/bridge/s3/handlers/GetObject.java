package io.flashback.bridge.s3.handlers;

import io.flashback.bridge.s3.ObjectHeaders;
import io.flashback.bridge.s3.S3ErrorCode;
import io.flashback.bridge.s3.S3Handler;
import io.flashback.bridge.s3.S3Request;
import io.flashback.bridge.server.Response;
import io.flashback.bridge.storage.ObjectContent;
import io.flashback.bridge.storage.ObjectHandle;
import io.flashback.bridge.storage.ObjectInfo;
import java.util.List;
import java.util.Map;

/**
 * GetObject and HeadObject: https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html
 * Ranges (including suffix {@code bytes=-N} and open {@code bytes=N-}), conditional headers,
 * {@code response-*} overrides, checksums when {@code x-amz-checksum-mode: ENABLED}.
 */
public final class GetObject implements S3Handler {
    private static final List<Map.Entry<String, String>> OVERRIDES = List.of(
            Map.entry("response-content-type", "Content-Type"),
            Map.entry("response-content-language", "Content-Language"),
            Map.entry("response-expires", "Expires"),
            Map.entry("response-cache-control", "Cache-Control"),
            Map.entry("response-content-disposition", "Content-Disposition"),
            Map.entry("response-content-encoding", "Content-Encoding"));

    record Range(long start, long length) {}

    @Override
    public Response handle(S3Request req) {
        ObjectHandle handle = req.store().open(req.bucket(), req.key());
        boolean handedOver = false;
        try {
            ObjectInfo info = handle.info();
            Preconditions.check(info, req.header("if-match"), req.header("if-none-match"), req.header("if-modified-since"),
                    req.header("if-unmodified-since"), false);
            long size = info.size();
            Range range = null;
            String partNumber = req.param("partNumber");
            if (partNumber != null) {
                range = partRange(info, partNumber);
            } else {
                range = parseRange(req.header("range"), size);
            }
            boolean full = range == null;
            Response.Builder b = Response.status(full && partNumber == null ? 200 : 206);
            ObjectHeaders.write(b, info, full && "ENABLED".equalsIgnoreCase(req.header("x-amz-checksum-mode")));
            b.header("Accept-Ranges", "bytes");
            if (partNumber != null && info.partsCount() > 0) b.header("x-amz-mp-parts-count", Integer.toString(info.partsCount()));
            long start = full ? 0 : range.start();
            long length = full ? size : range.length();
            if (!full && length > 0) b.header("Content-Range", "bytes " + start + "-" + (start + length - 1) + "/" + size);
            b.header("Content-Length", Long.toString(length));
            overrides(req, b);
            if (req.method().equals("HEAD") || length == 0) return b.build();
            ObjectContent content = handle.content(start, length);
            handedOver = true;
            b.body(switch (content) {
                case ObjectContent.FileRegion f -> new Response.FileSlice(f.channel(), f.position(), f.length());
                case ObjectContent.Stream s -> new Response.Stream(s.stream(), s.length());
            });
            return b.build();
        } finally {
            if (!handedOver) handle.close();
        }
    }

    /** GetObject?partNumber=N: the Nth part of a multipart object; part 1 of a simple object is all of it. */
    static Range partRange(ObjectInfo info, String partNumber) {
        int n;
        try {
            n = Integer.parseInt(partNumber);
        } catch (NumberFormatException e) {
            throw S3ErrorCode.INVALID_ARGUMENT.exception("Part number must be an integer between 1 and 10000, inclusive");
        }
        int count = Math.max(1, info.partsCount());
        if (n < 1 || n > count) {
            throw S3ErrorCode.INVALID_PART_NUMBER.exception().with("PartNumberRequested", partNumber)
                    .with("ActualPartCount", Integer.toString(count));
        }
        if (info.partsCount() == 0) return new Range(0, info.size());
        long start = 0;
        for (int i = 0; i < n - 1; i++) start += info.partSizes().get(i);
        return new Range(start, info.partSizes().get(n - 1));
    }

    private static void overrides(S3Request req, Response.Builder b) {
        for (Map.Entry<String, String> o : OVERRIDES) {
            String v = req.param(o.getKey());
            if (v != null) b.set(o.getValue(), v);
        }
    }

    /** RFC 9110 byte ranges, one range only (S3 ignores multi-range requests and sends the object). */
    static Range parseRange(String header, long size) {
        if (header == null) return null;
        String h = header.trim();
        if (!h.startsWith("bytes=") || h.contains(",")) return null;
        String spec = h.substring("bytes=".length()).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) return null;
        try {
            String first = spec.substring(0, dash).trim();
            String last = spec.substring(dash + 1).trim();
            long start;
            long end;
            if (first.isEmpty()) {
                if (last.isEmpty()) return null;
                long suffix = Long.parseLong(last);
                if (suffix == 0 || size == 0) throw unsatisfiable(header, size);
                start = Math.max(0, size - suffix);
                end = size - 1;
            } else {
                start = Long.parseLong(first);
                end = last.isEmpty() ? size - 1 : Math.min(Long.parseLong(last), size - 1);
                if (!last.isEmpty() && Long.parseLong(last) < start) return null;
                if (start >= size) throw unsatisfiable(header, size);
            }
            return new Range(start, end - start + 1);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static io.flashback.bridge.s3.S3Exception unsatisfiable(String header, long size) {
        return S3ErrorCode.INVALID_RANGE.exception().with("RangeRequested", header).with("ActualObjectSize", Long.toString(size));
    }
}
