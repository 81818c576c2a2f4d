package io.flashback.bridge.s3;

import io.flashback.bridge.server.Response;
import java.util.Map;

/**
 * The one place an {@link S3Exception} becomes an S3 error response:
 * https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#RESTErrorResponses
 */
public final class S3ErrorResponses {
    private S3ErrorResponses() {}

    public static Response render(S3Exception e, String resource, String requestId) {
        Response.Builder b = Response.status(e.code().status()).header("x-amz-request-id", requestId);
        if (e.code() == S3ErrorCode.NOT_MODIFIED) return b.build(); // 304 has no body
        if (e.code() == S3ErrorCode.SERVICE_UNAVAILABLE) b.header("Retry-After", "1");
        Xml x = Xml.document().open("Error").element("Code", e.code().code()).element("Message", e.getMessage());
        for (Map.Entry<String, String> d : e.details().entrySet()) x.element(d.getKey(), d.getValue());
        x.element("Resource", resource).element("RequestId", requestId).close("Error");
        return b.xml(x.toString()).build();
    }
}
