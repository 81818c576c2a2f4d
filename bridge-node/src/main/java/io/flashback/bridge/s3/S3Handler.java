package io.flashback.bridge.s3;

import io.flashback.bridge.server.Response;

/** One S3 operation. */
@FunctionalInterface
public interface S3Handler {
    Response handle(S3Request request);
}
