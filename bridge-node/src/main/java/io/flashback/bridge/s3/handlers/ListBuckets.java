package io.flashback.bridge.s3.handlers;

import io.flashback.bridge.s3.S3Handler;
import io.flashback.bridge.s3.S3Request;
import io.flashback.bridge.s3.Xml;
import io.flashback.bridge.server.Response;
import io.flashback.bridge.storage.BucketInfo;

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListBuckets.html — only the grant's buckets. */
public final class ListBuckets implements S3Handler {
    @Override
    public Response handle(S3Request req) {
        Xml x = Xml.document().openRoot("ListAllMyBucketsResult");
        Owners.write(x, req.grant().owner());
        x.open("Buckets");
        for (BucketInfo b : req.store().listBuckets()) {
            if (!req.grant().covers(b.name())) continue;
            x.open("Bucket").element("Name", b.name()).element("CreationDate", b.created()).close("Bucket");
        }
        x.close("Buckets").close("ListAllMyBucketsResult");
        return Response.status(200).xml(x.toString()).build();
    }
}
