package io.flashback.bridge.s3.handlers;

import io.flashback.bridge.s3.S3ErrorCode;
import io.flashback.bridge.s3.S3Exception;
import io.flashback.bridge.s3.S3Handler;
import io.flashback.bridge.s3.S3Request;
import io.flashback.bridge.s3.UploadBodies;
import io.flashback.bridge.s3.Xml;
import io.flashback.bridge.server.Response;
import java.util.List;
import org.w3c.dom.Element;

/**
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjects.html. A VersionId of
 * {@code null} names the only version of an object in an unversioned bucket.
 */
public final class DeleteObjects implements S3Handler {
    private static final int MAX_OBJECTS = 1000;

    @Override
    public Response handle(S3Request req) {
        if (req.store().bucket(req.bucket()).isEmpty()) throw S3ErrorCode.NO_SUCH_BUCKET.exception().with("BucketName", req.bucket());
        Element root = Xml.parse(UploadBodies.from(req));
        if (!"Delete".equals(Xml.localName(root))) throw S3ErrorCode.MALFORMED_XML.exception();
        boolean quiet = "true".equalsIgnoreCase(String.valueOf(Xml.childText(root, "Quiet")).trim());
        List<Element> objects = Xml.children(root, "Object");
        if (objects.isEmpty() || objects.size() > MAX_OBJECTS) throw S3ErrorCode.MALFORMED_XML.exception();
        Xml x = Xml.document().openRoot("DeleteResult");
        for (Element o : objects) {
            String key = Xml.childText(o, "Key");
            if (key == null || key.isEmpty()) throw S3ErrorCode.MALFORMED_XML.exception();
            String versionId = Xml.childText(o, "VersionId");
            if (versionId != null && !versionId.equals("null")) {
                x.open("Error").element("Key", key).element("VersionId", versionId).element("Code", "NoSuchVersion")
                        .element("Message", "The specified version does not exist.").close("Error");
                continue;
            }
            try {
                req.store().delete(req.bucket(), key);
                if (!quiet) x.open("Deleted").element("Key", key).element("VersionId", versionId).close("Deleted");
            } catch (S3Exception e) {
                x.open("Error").element("Key", key).element("Code", e.code().code()).element("Message", e.getMessage()).close("Error");
            }
        }
        x.close("DeleteResult");
        return Response.status(200).xml(x.toString()).build();
    }
}
