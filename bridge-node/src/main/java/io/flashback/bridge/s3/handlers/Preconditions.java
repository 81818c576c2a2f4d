package io.flashback.bridge.s3.handlers;

import io.flashback.bridge.s3.ObjectHeaders;
import io.flashback.bridge.s3.S3ErrorCode;
import io.flashback.bridge.storage.ObjectInfo;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Conditional requests as S3 evaluates them (RFC 9110 §13.2.2 order):
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html#API_GetObject_RequestSyntax
 */
final class Preconditions {
    private Preconditions() {}

    /** For GET/HEAD: 412 or 304 when a condition fails. */
    static void check(ObjectInfo info, String ifMatch, String ifNoneMatch, String ifModifiedSince, String ifUnmodifiedSince,
                      boolean copySource) {
        Instant modified = info.lastModified().truncatedTo(ChronoUnit.SECONDS);
        if (ifMatch != null) {
            if (!etagMatches(ifMatch, info.etag())) throw S3ErrorCode.PRECONDITION_FAILED.exception().with("Condition", "If-Match");
        } else if (ifUnmodifiedSince != null) {
            Instant t = ObjectHeaders.parseHttpDate(ifUnmodifiedSince);
            if (t != null && modified.isAfter(t)) {
                throw S3ErrorCode.PRECONDITION_FAILED.exception().with("Condition", "If-Unmodified-Since");
            }
        }
        if (ifNoneMatch != null) {
            if (etagMatches(ifNoneMatch, info.etag())) {
                if (copySource) throw S3ErrorCode.PRECONDITION_FAILED.exception().with("Condition", "x-amz-copy-source-If-None-Match");
                throw S3ErrorCode.NOT_MODIFIED.exception();
            }
        } else if (ifModifiedSince != null) {
            Instant t = ObjectHeaders.parseHttpDate(ifModifiedSince);
            if (t != null && !modified.isAfter(t)) {
                if (copySource) throw S3ErrorCode.PRECONDITION_FAILED.exception().with("Condition", "x-amz-copy-source-If-Modified-Since");
                throw S3ErrorCode.NOT_MODIFIED.exception();
            }
        }
    }

    static boolean etagMatches(String header, String etag) {
        for (String candidate : header.split(",")) {
            String c = candidate.trim();
            if (c.startsWith("W/")) c = c.substring(2);
            if (c.equals("*")) return true;
            if (c.length() >= 2 && c.startsWith("\"") && c.endsWith("\"")) c = c.substring(1, c.length() - 1);
            if (c.equals(etag)) return true;
        }
        return false;
    }
}
