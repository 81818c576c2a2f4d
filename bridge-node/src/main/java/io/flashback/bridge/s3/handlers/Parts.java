package io.flashback.bridge.s3.handlers;

import io.flashback.bridge.s3.S3ErrorCode;
import io.flashback.bridge.s3.S3Request;

final class Parts {
    private Parts() {}

    static int partNumber(S3Request req) {
        String v = req.param("partNumber");
        try {
            int n = Integer.parseInt(v);
            if (n >= 1 && n <= 10_000) return n;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw S3ErrorCode.INVALID_ARGUMENT.exception("Part number must be an integer between 1 and 10000, inclusive")
                .with("ArgumentName", "partNumber").with("ArgumentValue", v);
    }
}
