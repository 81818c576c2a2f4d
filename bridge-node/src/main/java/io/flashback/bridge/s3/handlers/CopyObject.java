package io.flashback.bridge.s3.handlers;

import io.flashback.bridge.s3.ObjectHeaders;
import io.flashback.bridge.s3.S3ErrorCode;
import io.flashback.bridge.s3.S3Handler;
import io.flashback.bridge.s3.S3Request;
import io.flashback.bridge.s3.UploadBodies;
import io.flashback.bridge.s3.Xml;
import io.flashback.bridge.server.Response;
import io.flashback.bridge.storage.ChecksumAlgorithm;
import io.flashback.bridge.storage.ContentStreams;
import io.flashback.bridge.storage.ObjectAttributes;
import io.flashback.bridge.storage.ObjectBody;
import io.flashback.bridge.storage.ObjectHandle;
import io.flashback.bridge.storage.ObjectInfo;
import java.util.Map;

/**
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_CopyObject.html. The copy streams through
 * the store interface, so it works between any backends and recomputes every hash on the way.
 */
public final class CopyObject implements S3Handler {
    @Override
    public Response handle(S3Request req) {
        CopySource src = CopySource.from(req);
        String directive = req.header("x-amz-metadata-directive");
        boolean replace = "REPLACE".equalsIgnoreCase(directive);
        if (directive != null && !replace && !"COPY".equalsIgnoreCase(directive)) {
            throw S3ErrorCode.INVALID_ARGUMENT.exception("Unknown metadata directive.").with("ArgumentName", "x-amz-metadata-directive");
        }
        String tagging = req.header("x-amz-tagging-directive");
        boolean replaceTags = "REPLACE".equalsIgnoreCase(tagging);
        if (src.bucket().equals(req.bucket()) && src.key().equals(req.key()) && !replace && !replaceTags) {
            throw S3ErrorCode.INVALID_REQUEST.exception("This copy request is illegal because it is trying to copy an object to itself "
                    + "without changing the object's metadata, storage class, website redirect location or encryption attributes.");
        }
        try (ObjectHandle handle = req.store().open(src.bucket(), src.key())) {
            ObjectInfo source = handle.info();
            Preconditions.check(source, req.header("x-amz-copy-source-if-match"), req.header("x-amz-copy-source-if-none-match"),
                    req.header("x-amz-copy-source-if-modified-since"), req.header("x-amz-copy-source-if-unmodified-since"), true);
            ObjectAttributes requested = ObjectHeaders.attributes(req);
            ObjectAttributes attrs = replace ? requested : source.attributes();
            Map<String, String> tags = replaceTags ? requested.tags() : source.attributes().tags();
            attrs = attrs.withTags(tags);
            ObjectBody body = new ObjectBody(ContentStreams.open(handle.content(0, source.size())), source.size());
            ChecksumAlgorithm alg = UploadBodies.requestedAlgorithm(req);
            if (alg == null && !source.checksums().isEmpty()) alg = source.checksums().keySet().iterator().next();
            body.computing(alg);
            ObjectInfo copied = req.store().put(req.bucket(), req.key(), body, attrs);
            Xml x = Xml.document().openRoot("CopyObjectResult").element("LastModified", copied.lastModified())
                    .element("ETag", copied.quotedEtag());
            copied.checksums().forEach((a, v) -> x.element("Checksum" + a.name(), v));
            x.close("CopyObjectResult");
            return Response.status(200).xml(x.toString()).build();
        }
    }
}
