package io.flashback.bridge.s3.handlers;

import io.flashback.bridge.s3.BucketNames;
import io.flashback.bridge.s3.S3ErrorCode;
import io.flashback.bridge.s3.S3Exception;
import io.flashback.bridge.s3.S3Handler;
import io.flashback.bridge.s3.S3Request;
import io.flashback.bridge.s3.UploadBodies;
import io.flashback.bridge.s3.Xml;
import io.flashback.bridge.server.Response;
import io.flashback.bridge.storage.BucketInfo;
import io.flashback.bridge.storage.ObjectBody;
import java.util.Optional;

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html */
public final class CreateBucket implements S3Handler {
    @Override
    public Response handle(S3Request req) {
        BucketNames.require(req.bucket());
        String length = req.header("content-length");
        if ((length != null && !length.equals("0")) || req.auth().payloadMode().chunked()) {
            ObjectBody body = UploadBodies.from(req);
            if (body.length() > 0) Xml.parse(body); // CreateBucketConfiguration: validated, the location is ours
        }
        Optional<BucketInfo> existing = req.store().bucket(req.bucket());
        if (existing.isPresent()) throw alreadyThere(req, existing.get());
        try {
            req.store().createBucket(req.bucket(), req.grant().owner());
        } catch (S3Exception e) {
            if (e.code() == S3ErrorCode.BUCKET_ALREADY_EXISTS) {
                throw req.store().bucket(req.bucket()).map(b -> alreadyThere(req, b)).orElse(e);
            }
            throw e;
        }
        return Response.status(200).header("Location", "/" + req.bucket()).build();
    }

    private static S3Exception alreadyThere(S3Request req, BucketInfo b) {
        return (b.owner().equals(req.grant().owner()) ? S3ErrorCode.BUCKET_ALREADY_OWNED_BY_YOU : S3ErrorCode.BUCKET_ALREADY_EXISTS)
                .exception().with("BucketName", req.bucket());
    }
}
