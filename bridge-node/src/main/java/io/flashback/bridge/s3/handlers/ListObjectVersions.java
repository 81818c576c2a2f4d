package io.flashback.bridge.s3.handlers;

import io.flashback.bridge.s3.S3Handler;
import io.flashback.bridge.s3.S3Request;
import io.flashback.bridge.s3.Xml;
import io.flashback.bridge.server.Response;
import io.flashback.bridge.storage.ListPage;
import io.flashback.bridge.storage.ListQuery;
import io.flashback.bridge.storage.ObjectSummary;

/**
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectVersions.html. Buckets here are
 * never versioned, so every object is its only, latest version with VersionId {@code null},
 * which is what S3 answers for unversioned buckets (and what rclone and awscli expect).
 */
public final class ListObjectVersions implements S3Handler {
    @Override
    public Response handle(S3Request req) {
        boolean url = Listings.urlEncoding(req);
        int maxKeys = Listings.maxKeys(req, "max-keys");
        String prefix = req.param("prefix");
        String delimiter = req.param("delimiter");
        String keyMarker = req.param("key-marker");
        ListPage page = req.store().list(req.bucket(), new ListQuery(prefix, delimiter, keyMarker, maxKeys));
        Xml x = Xml.document().openRoot("ListVersionsResult")
                .element("Name", req.bucket())
                .element("Prefix", Listings.enc(prefix == null ? "" : prefix, url))
                .element("KeyMarker", Listings.enc(keyMarker == null ? "" : keyMarker, url))
                .element("VersionIdMarker", "")
                .element("MaxKeys", maxKeys)
                .element("Delimiter", Listings.enc(delimiter, url))
                .element("IsTruncated", page.truncated());
        if (page.truncated()) {
            x.element("NextKeyMarker", Listings.enc(page.nextMarker(), url)).element("NextVersionIdMarker", "null");
        }
        if (url) x.element("EncodingType", "url");
        for (ObjectSummary o : page.objects()) {
            x.open("Version").element("Key", Listings.enc(o.key(), url)).element("VersionId", "null")
                    .element("IsLatest", true).element("LastModified", o.lastModified())
                    .element("ETag", "\"" + o.etag() + "\"").element("Size", o.size());
            Owners.write(x, req.grant().owner());
            x.element("StorageClass", "STANDARD").close("Version");
        }
        for (String p : page.commonPrefixes()) x.open("CommonPrefixes").element("Prefix", Listings.enc(p, url)).close("CommonPrefixes");
        x.close("ListVersionsResult");
        return Response.status(200).xml(x.toString()).build();
    }
}
