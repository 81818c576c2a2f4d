package io.flashback.bridge.s3.handlers;

import io.flashback.bridge.s3.S3Handler;
import io.flashback.bridge.s3.S3Request;
import io.flashback.bridge.s3.Xml;
import io.flashback.bridge.server.Response;
import io.flashback.bridge.storage.ObjectInfo;

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObjectTagging.html */
public final class GetObjectTagging implements S3Handler {
    @Override
    public Response handle(S3Request req) {
        ObjectInfo info = req.store().head(req.bucket(), req.key());
        Xml x = Xml.document().openRoot("Tagging").open("TagSet");
        info.attributes().tags().forEach((k, v) -> x.open("Tag").element("Key", k).element("Value", v).close("Tag"));
        x.close("TagSet").close("Tagging");
        return Response.status(200).xml(x.toString()).build();
    }
}
