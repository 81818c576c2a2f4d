package io.flashback.bridge.s3.handlers;

import io.flashback.bridge.s3.ObjectHeaders;
import io.flashback.bridge.s3.S3Handler;
import io.flashback.bridge.s3.S3Request;
import io.flashback.bridge.s3.UploadBodies;
import io.flashback.bridge.s3.Xml;
import io.flashback.bridge.server.Response;
import io.flashback.bridge.storage.ChecksumAlgorithm;
import io.flashback.bridge.storage.UploadInfo;

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateMultipartUpload.html */
public final class CreateMultipartUpload implements S3Handler {
    @Override
    public Response handle(S3Request req) {
        ChecksumAlgorithm alg = UploadBodies.requestedAlgorithm(req);
        UploadInfo u = req.store().createUpload(req.bucket(), req.key(), ObjectHeaders.attributes(req), alg);
        String xml = Xml.document().openRoot("InitiateMultipartUploadResult").element("Bucket", req.bucket())
                .element("Key", req.key()).element("UploadId", u.uploadId()).close("InitiateMultipartUploadResult").toString();
        Response.Builder b = Response.status(200).xml(xml);
        if (alg != null) b.header("x-amz-checksum-algorithm", alg.name()).header("x-amz-checksum-type", "COMPOSITE");
        return b.build();
    }
}
