package io.flashback.bridge.s3.handlers;

import io.flashback.bridge.s3.S3Handler;
import io.flashback.bridge.s3.S3Request;
import io.flashback.bridge.server.Response;

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucket.html */
public final class DeleteBucket implements S3Handler {
    @Override
    public Response handle(S3Request req) {
        req.store().deleteBucket(req.bucket());
        return Response.status(204).build();
    }
}
