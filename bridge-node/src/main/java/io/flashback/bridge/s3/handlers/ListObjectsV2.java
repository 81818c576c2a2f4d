package io.flashback.bridge.s3.handlers;

import io.flashback.bridge.s3.S3ErrorCode;
import io.flashback.bridge.s3.S3Handler;
import io.flashback.bridge.s3.S3Request;
import io.flashback.bridge.s3.Xml;
import io.flashback.bridge.server.Response;
import io.flashback.bridge.storage.ListPage;
import io.flashback.bridge.storage.ListQuery;
import io.flashback.bridge.storage.ObjectSummary;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html. The continuation
 * token is the last key (or common prefix) returned, base64url-encoded.
 */
public final class ListObjectsV2 implements S3Handler {
    @Override
    public Response handle(S3Request req) {
        boolean url = Listings.urlEncoding(req);
        int maxKeys = Listings.maxKeys(req, "max-keys");
        String prefix = req.param("prefix");
        String delimiter = req.param("delimiter");
        String token = req.param("continuation-token");
        String startAfter = req.param("start-after");
        boolean fetchOwner = "true".equals(req.param("fetch-owner"));
        String from = startAfter;
        if (token != null) {
            try {
                from = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw S3ErrorCode.INVALID_ARGUMENT.exception("The continuation token provided is incorrect")
                        .with("ArgumentName", "continuation-token");
            }
        }
        ListPage page = req.store().list(req.bucket(), new ListQuery(prefix, delimiter, from, maxKeys));
        Xml x = Xml.document().openRoot("ListBucketResult")
                .element("Name", req.bucket())
                .element("Prefix", Listings.enc(prefix == null ? "" : prefix, url))
                .element("KeyCount", page.objects().size() + page.commonPrefixes().size())
                .element("MaxKeys", maxKeys)
                .element("Delimiter", Listings.enc(delimiter, url))
                .element("IsTruncated", page.truncated())
                .element("ContinuationToken", token)
                .element("StartAfter", Listings.enc(startAfter, url));
        if (page.truncated()) {
            x.element("NextContinuationToken",
                    Base64.getUrlEncoder().withoutPadding().encodeToString(page.nextMarker().getBytes(StandardCharsets.UTF_8)));
        }
        if (url) x.element("EncodingType", "url");
        for (ObjectSummary o : page.objects()) Listings.contents(x, o, url, fetchOwner ? req.grant().owner() : null);
        for (String p : page.commonPrefixes()) x.open("CommonPrefixes").element("Prefix", Listings.enc(p, url)).close("CommonPrefixes");
        x.close("ListBucketResult");
        return Response.status(200).xml(x.toString()).build();
    }
}
