package io.flashback.bridge.s3.handlers;

import io.flashback.bridge.s3.BucketNames;
import io.flashback.bridge.s3.S3ErrorCode;
import io.flashback.bridge.s3.S3Request;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** The {@code x-amz-copy-source} header: {@code [/]bucket/key[?versionId=...]}, URL-encoded. */
record CopySource(String bucket, String key) {

    static CopySource from(S3Request req) {
        String raw = req.header("x-amz-copy-source");
        int q = raw.indexOf('?');
        String versionId = null;
        if (q >= 0) {
            String query = raw.substring(q + 1);
            if (query.startsWith("versionId=")) versionId = query.substring("versionId=".length());
            raw = raw.substring(0, q);
        }
        String decoded = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        if (decoded.startsWith("/")) decoded = decoded.substring(1);
        int slash = decoded.indexOf('/');
        if (slash <= 0 || slash == decoded.length() - 1) {
            throw S3ErrorCode.INVALID_ARGUMENT.exception("Copy Source must mention the source bucket and key: sourcebucket/sourcekey")
                    .with("ArgumentName", "x-amz-copy-source");
        }
        CopySource s = new CopySource(decoded.substring(0, slash), decoded.substring(slash + 1));
        BucketNames.require(s.bucket());
        if (versionId != null && !versionId.equals("null")) throw S3ErrorCode.INVALID_ARGUMENT.exception("Invalid version id specified");
        if (!req.grant().covers(s.bucket())) throw S3ErrorCode.ACCESS_DENIED.exception();
        return s;
    }
}
