package io.flashback.bridge.s3.handlers;

import io.flashback.bridge.s3.S3Handler;
import io.flashback.bridge.s3.S3Request;
import io.flashback.bridge.s3.Xml;
import io.flashback.bridge.server.Response;

/**
 * ACLs are not a feature of this node (access is by grant); tools such as s3cmd still ask, so
 * the answer is the canned private ACL S3 reports for an owner-only object.
 */
public final class GetObjectAcl implements S3Handler {
    @Override
    public Response handle(S3Request req) {
        req.store().head(req.bucket(), req.key());
        String owner = req.grant().owner();
        Xml x = Xml.document().openRoot("AccessControlPolicy");
        Owners.write(x, owner);
        String body = x + "<AccessControlList><Grant><Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"CanonicalUser\">"
                + "<ID>" + escape(owner) + "</ID><DisplayName>" + escape(owner) + "</DisplayName></Grantee>"
                + "<Permission>FULL_CONTROL</Permission></Grant></AccessControlList></AccessControlPolicy>";
        return Response.status(200).xml(body).build();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
