package io.flashback.bridge.s3.handlers;

import io.flashback.bridge.s3.ObjectHeaders;
import io.flashback.bridge.s3.S3ErrorCode;
import io.flashback.bridge.s3.S3Exception;
import io.flashback.bridge.s3.S3Handler;
import io.flashback.bridge.s3.S3Request;
import io.flashback.bridge.s3.UploadBodies;
import io.flashback.bridge.server.Response;
import io.flashback.bridge.storage.ObjectAttributes;
import io.flashback.bridge.storage.ObjectBody;
import io.flashback.bridge.storage.ObjectInfo;

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html */
public final class PutObject implements S3Handler {
    @Override
    public Response handle(S3Request req) {
        ObjectAttributes attributes = ObjectHeaders.attributes(req);
        String ifNoneMatch = req.header("if-none-match");
        if (ifNoneMatch != null) {
            if (!ifNoneMatch.trim().equals("*")) throw S3ErrorCode.NOT_IMPLEMENTED.exception("If-None-Match supports only *");
            if (exists(req)) throw S3ErrorCode.PRECONDITION_FAILED.exception().with("Condition", "If-None-Match");
        }
        String ifMatch = req.header("if-match");
        if (ifMatch != null) {
            ObjectInfo current = req.store().head(req.bucket(), req.key());
            if (!Preconditions.etagMatches(ifMatch, current.etag())) {
                throw S3ErrorCode.PRECONDITION_FAILED.exception().with("Condition", "If-Match");
            }
        }
        ObjectBody body = UploadBodies.from(req);
        ObjectInfo info = req.store().put(req.bucket(), req.key(), body, attributes);
        Response.Builder b = Response.status(200).header("ETag", info.quotedEtag());
        ObjectHeaders.checksums(b, info);
        return b.build();
    }

    private static boolean exists(S3Request req) {
        try {
            req.store().head(req.bucket(), req.key());
            return true;
        } catch (S3Exception e) {
            if (e.code() == S3ErrorCode.NO_SUCH_KEY) return false;
            throw e;
        }
    }
}
