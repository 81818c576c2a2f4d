package io.flashback.bridge.s3.handlers;

import io.flashback.bridge.s3.S3Handler;
import io.flashback.bridge.s3.S3Request;
import io.flashback.bridge.server.Response;

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_AbortMultipartUpload.html */
public final class AbortMultipartUpload implements S3Handler {
    @Override
    public Response handle(S3Request req) {
        req.store().abortUpload(req.bucket(), req.key(), req.param("uploadId"));
        return Response.status(204).build();
    }
}
