package io.flashback.bridge.s3.handlers;

import io.flashback.bridge.s3.ObjectHeaders;
import io.flashback.bridge.s3.S3ErrorCode;
import io.flashback.bridge.s3.S3Handler;
import io.flashback.bridge.s3.S3Request;
import io.flashback.bridge.s3.UploadBodies;
import io.flashback.bridge.s3.Xml;
import io.flashback.bridge.server.Response;
import io.flashback.bridge.storage.ObjectInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObjectTagging.html */
public final class PutObjectTagging implements S3Handler {
    @Override
    public Response handle(S3Request req) {
        Element root = Xml.parse(UploadBodies.from(req));
        if (!"Tagging".equals(Xml.localName(root))) throw S3ErrorCode.MALFORMED_XML.exception();
        List<Element> sets = Xml.children(root, "TagSet");
        if (sets.size() != 1) throw S3ErrorCode.MALFORMED_XML.exception();
        Map<String, String> tags = new LinkedHashMap<>();
        for (Element tag : Xml.children(sets.get(0), "Tag")) {
            String k = Xml.childText(tag, "Key");
            String v = Xml.childText(tag, "Value");
            if (k == null) throw S3ErrorCode.MALFORMED_XML.exception();
            if (tags.put(k, v == null ? "" : v) != null) throw S3ErrorCode.INVALID_TAG.exception("Cannot provide multiple Tags with the same key");
        }
        ObjectHeaders.validateTags(tags);
        ObjectInfo current = req.store().head(req.bucket(), req.key());
        req.store().updateAttributes(req.bucket(), req.key(), current.attributes().withTags(tags));
        return Response.status(200).build();
    }
}
