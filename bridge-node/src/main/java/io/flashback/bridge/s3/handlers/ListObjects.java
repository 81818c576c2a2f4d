package io.flashback.bridge.s3.handlers;

import io.flashback.bridge.s3.S3Handler;
import io.flashback.bridge.s3.S3Request;
import io.flashback.bridge.s3.Xml;
import io.flashback.bridge.server.Response;
import io.flashback.bridge.storage.ListPage;
import io.flashback.bridge.storage.ListQuery;
import io.flashback.bridge.storage.ObjectSummary;

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjects.html (version 1, marker-based). */
public final class ListObjects implements S3Handler {
    @Override
    public Response handle(S3Request req) {
        boolean url = Listings.urlEncoding(req);
        int maxKeys = Listings.maxKeys(req, "max-keys");
        String prefix = req.param("prefix");
        String delimiter = req.param("delimiter");
        String marker = req.param("marker");
        ListPage page = req.store().list(req.bucket(), new ListQuery(prefix, delimiter, marker, maxKeys));
        Xml x = Xml.document().openRoot("ListBucketResult")
                .element("Name", req.bucket())
                .element("Prefix", Listings.enc(prefix == null ? "" : prefix, url))
                .element("Marker", Listings.enc(marker == null ? "" : marker, url))
                .element("MaxKeys", maxKeys)
                .element("Delimiter", Listings.enc(delimiter, url))
                .element("IsTruncated", page.truncated());
        // S3 returns NextMarker only with a delimiter; clients use the last key otherwise
        if (page.truncated() && delimiter != null) x.element("NextMarker", Listings.enc(page.nextMarker(), url));
        if (url) x.element("EncodingType", "url");
        for (ObjectSummary o : page.objects()) Listings.contents(x, o, url, req.grant().owner());
        for (String p : page.commonPrefixes()) x.open("CommonPrefixes").element("Prefix", Listings.enc(p, url)).close("CommonPrefixes");
        x.close("ListBucketResult");
        return Response.status(200).xml(x.toString()).build();
    }
}
