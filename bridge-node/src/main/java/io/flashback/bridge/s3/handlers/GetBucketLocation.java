package io.flashback.bridge.s3.handlers;

import io.flashback.bridge.s3.S3ErrorCode;
import io.flashback.bridge.s3.S3Handler;
import io.flashback.bridge.s3.S3Request;
import io.flashback.bridge.s3.Xml;
import io.flashback.bridge.server.Response;

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketLocation.html (us-east-1 is an empty constraint). */
public final class GetBucketLocation implements S3Handler {
    private final String region;

    public GetBucketLocation(String region) {
        this.region = region;
    }

    @Override
    public Response handle(S3Request req) {
        if (req.store().bucket(req.bucket()).isEmpty()) throw S3ErrorCode.NO_SUCH_BUCKET.exception().with("BucketName", req.bucket());
        String body = "us-east-1".equals(region)
                ? Xml.document() + "<LocationConstraint xmlns=\"" + Xml.NS + "\"/>"
                : Xml.document().openRoot("LocationConstraint") + escape(region) + "</LocationConstraint>";
        return Response.status(200).xml(body).build();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;");
    }
}
