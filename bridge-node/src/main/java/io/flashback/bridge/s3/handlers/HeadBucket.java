package io.flashback.bridge.s3.handlers;

import io.flashback.bridge.s3.S3ErrorCode;
import io.flashback.bridge.s3.S3Handler;
import io.flashback.bridge.s3.S3Request;
import io.flashback.bridge.server.Response;

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadBucket.html */
public final class HeadBucket implements S3Handler {
    @Override
    public Response handle(S3Request req) {
        if (req.store().bucket(req.bucket()).isEmpty()) throw S3ErrorCode.NO_SUCH_BUCKET.exception().with("BucketName", req.bucket());
        return Response.status(200).build();
    }
}
