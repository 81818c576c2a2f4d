package io.flashback.bridge.s3.handlers;

import io.flashback.bridge.auth.SigV4;
import io.flashback.bridge.s3.S3ErrorCode;
import io.flashback.bridge.s3.S3Request;
import io.flashback.bridge.s3.Xml;
import io.flashback.bridge.storage.ObjectSummary;

/** Parameters and rows shared by the listing operations. */
final class Listings {
    static final int MAX_KEYS = 1000;

    private Listings() {}

    static int maxKeys(S3Request req, String param) {
        String v = req.param(param);
        if (v == null) return MAX_KEYS;
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 0) throw new NumberFormatException();
            return Math.min(n, MAX_KEYS);
        } catch (NumberFormatException e) {
            throw S3ErrorCode.INVALID_ARGUMENT.exception("Provided " + param + " not an integer or within integer range")
                    .with("ArgumentName", param).with("ArgumentValue", v);
        }
    }

    static boolean urlEncoding(S3Request req) {
        String e = req.param("encoding-type");
        if (e == null) return false;
        if (!e.equals("url")) {
            throw S3ErrorCode.INVALID_ARGUMENT.exception("Invalid Encoding Method specified in Request")
                    .with("ArgumentName", "encoding-type").with("ArgumentValue", e);
        }
        return true;
    }

    static String enc(String s, boolean url) {
        if (s == null) return null;
        return url ? SigV4.uriEncode(s, true) : s;
    }

    static void contents(Xml x, ObjectSummary o, boolean url, String owner) {
        x.open("Contents").element("Key", enc(o.key(), url)).element("LastModified", o.lastModified())
                .element("ETag", "\"" + o.etag() + "\"").element("Size", o.size());
        if (owner != null) Owners.write(x, owner);
        x.element("StorageClass", "STANDARD").close("Contents");
    }
}
