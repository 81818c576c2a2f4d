package io.flashback.bridge.s3.handlers;

import io.flashback.bridge.s3.S3ErrorCode;
import io.flashback.bridge.s3.S3Handler;
import io.flashback.bridge.s3.S3Request;
import io.flashback.bridge.s3.Xml;
import io.flashback.bridge.server.Response;

/** Versioning is never enabled on this node: an empty configuration, as S3 answers for such buckets. */
public final class GetBucketVersioning implements S3Handler {
    @Override
    public Response handle(S3Request req) {
        if (req.store().bucket(req.bucket()).isEmpty()) throw S3ErrorCode.NO_SUCH_BUCKET.exception().with("BucketName", req.bucket());
        return Response.status(200).xml(Xml.document().openRoot("VersioningConfiguration").close("VersioningConfiguration").toString()).build();
    }
}
