package io.flashback.bridge.s3;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one exception type of the node. Storage, auth and protocol code throw it; the S3 and GCS
 * front ends each render it in exactly one place ({@code ErrorResponses}).
 */
public final class S3Exception extends RuntimeException {
    private final S3ErrorCode code;
    private final Map<String, String> details = new LinkedHashMap<>();

    public S3Exception(S3ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public S3Exception(S3ErrorCode code, String message, Throwable cause) {
        super(message, cause, false, false);
        this.code = code;
    }

    public S3ErrorCode code() { return code; }

    /** Extra elements of the XML error body, e.g. StringToSign for SignatureDoesNotMatch. */
    public Map<String, String> details() { return details; }

    public S3Exception with(String element, String value) {
        if (value != null) details.put(element, value);
        return this;
    }
}
