package io.flashback.bridge.s3.handlers;

import io.flashback.bridge.s3.S3Handler;
import io.flashback.bridge.s3.S3Request;
import io.flashback.bridge.server.Response;
import io.flashback.bridge.storage.ObjectInfo;
import java.util.Map;

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjectTagging.html */
public final class DeleteObjectTagging implements S3Handler {
    @Override
    public Response handle(S3Request req) {
        ObjectInfo current = req.store().head(req.bucket(), req.key());
        req.store().updateAttributes(req.bucket(), req.key(), current.attributes().withTags(Map.of()));
        return Response.status(204).build();
    }
}
