package io.flashback.bridge.gcs;

import io.flashback.bridge.s3.S3ErrorCode;
import io.flashback.bridge.s3.S3Exception;
import io.flashback.bridge.server.Response;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place an {@link S3Exception} becomes a GCS JSON API error:
 * https://cloud.google.com/storage/docs/json_api/v1/status-codes
 */
final class GcsErrors {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private GcsErrors() {}

    static Response render(S3Exception e) {
        int status = switch (e.code()) {
            case BUCKET_ALREADY_EXISTS, BUCKET_ALREADY_OWNED_BY_YOU, BUCKET_NOT_EMPTY -> 409;
            case SIGNATURE_DOES_NOT_MATCH, INVALID_ACCESS_KEY_ID -> 401;
            case NOT_MODIFIED -> 304;
            default -> e.code().status();
        };
        String reason = switch (e.code()) {
            case NO_SUCH_BUCKET, NO_SUCH_KEY, NO_SUCH_UPLOAD -> "notFound";
            case ACCESS_DENIED -> "forbidden";
            case SIGNATURE_DOES_NOT_MATCH, INVALID_ACCESS_KEY_ID -> "authError";
            case BUCKET_ALREADY_EXISTS, BUCKET_ALREADY_OWNED_BY_YOU, BUCKET_NOT_EMPTY -> "conflict";
            case PRECONDITION_FAILED -> "conditionNotMet";
            case QUOTA_EXCEEDED -> "quotaExceeded";
            case INVALID_RANGE -> "requestedRangeNotSatisfiable";
            case BAD_DIGEST -> "invalid";
            case INTERNAL_ERROR -> "backendError";
            case SERVICE_UNAVAILABLE -> "backendError";
            default -> "invalid";
        };
        if (status == 304) return Response.status(304).build();
        Map<String, Object> error = Map.of("error", Map.of("code", status, "message", e.getMessage(),
                "errors", List.of(Map.of("message", e.getMessage(), "domain", "global", "reason", reason))));
        return Response.status(status).json(JSON.writeValueAsBytes(error)).build();
    }

    static S3Exception unauthenticated() {
        return S3ErrorCode.INVALID_ACCESS_KEY_ID.exception(
                "Anonymous caller does not have storage access: send Authorization: Bearer <token> (java -jar bridge-node.jar gcs-token).");
    }
}
