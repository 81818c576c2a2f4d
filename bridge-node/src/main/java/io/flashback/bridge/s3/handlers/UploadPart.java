package io.flashback.bridge.s3.handlers;

import io.flashback.bridge.s3.S3Handler;
import io.flashback.bridge.s3.S3Request;
import io.flashback.bridge.s3.UploadBodies;
import io.flashback.bridge.server.Response;
import io.flashback.bridge.storage.PartInfo;

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_UploadPart.html */
public final class UploadPart implements S3Handler {
    @Override
    public Response handle(S3Request req) {
        int partNumber = Parts.partNumber(req);
        PartInfo part = req.store().putPart(req.bucket(), req.key(), req.param("uploadId"), partNumber, UploadBodies.from(req));
        Response.Builder b = Response.status(200).header("ETag", "\"" + part.etag() + "\"");
        part.checksums().forEach((alg, v) -> b.header(alg.header(), v));
        return b.build();
    }
}
