package io.flashback.bridge.s3.handlers;

import io.flashback.bridge.s3.ObjectHeaders;
import io.flashback.bridge.s3.S3ErrorCode;
import io.flashback.bridge.s3.S3Handler;
import io.flashback.bridge.s3.S3Request;
import io.flashback.bridge.s3.UploadBodies;
import io.flashback.bridge.s3.Xml;
import io.flashback.bridge.server.Response;
import io.flashback.bridge.storage.CompletedPart;
import io.flashback.bridge.storage.ObjectInfo;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;

/**
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_CompleteMultipartUpload.html. The ETag
 * is the MD5 of the parts' binary MD5s followed by {@code -N}.
 */
public final class CompleteMultipartUpload implements S3Handler {
    @Override
    public Response handle(S3Request req) {
        String uploadId = req.param("uploadId");
        req.store().upload(req.bucket(), req.key(), uploadId);
        Element root = Xml.parse(UploadBodies.from(req));
        if (!"CompleteMultipartUpload".equals(Xml.localName(root))) throw S3ErrorCode.MALFORMED_XML.exception();
        List<CompletedPart> parts = new ArrayList<>();
        for (Element p : Xml.children(root, "Part")) {
            String n = Xml.childText(p, "PartNumber");
            String etag = Xml.childText(p, "ETag");
            if (n == null || etag == null) throw S3ErrorCode.MALFORMED_XML.exception();
            try {
                parts.add(new CompletedPart(Integer.parseInt(n.trim()), etag.trim()));
            } catch (NumberFormatException e) {
                throw S3ErrorCode.MALFORMED_XML.exception();
            }
        }
        if (parts.isEmpty()) throw S3ErrorCode.MALFORMED_XML.exception();
        ObjectInfo info = req.store().completeUpload(req.bucket(), req.key(), uploadId, parts);
        Xml x = Xml.document().openRoot("CompleteMultipartUploadResult")
                .element("Location", "http://" + req.host() + "/" + req.bucket() + "/" + req.key())
                .element("Bucket", req.bucket()).element("Key", req.key()).element("ETag", info.quotedEtag());
        info.checksums().forEach((a, v) -> x.element("Checksum" + a.name(), v));
        if (info.checksumType() != null) x.element("ChecksumType", info.checksumType());
        x.close("CompleteMultipartUploadResult");
        Response.Builder b = Response.status(200).xml(x.toString());
        ObjectHeaders.checksums(b, info);
        return b.build();
    }
}
