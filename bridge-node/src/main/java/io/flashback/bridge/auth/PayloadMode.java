package io.flashback.bridge.auth;

/** How the body of a request is protected, from {@code x-amz-content-sha256}. */
public enum PayloadMode {
    /** Body SHA-256 given in the header: verify it while streaming. */
    SIGNED,
    UNSIGNED,
    /** aws-chunked with per-chunk signatures. */
    STREAMING_SIGNED,
    STREAMING_SIGNED_TRAILER,
    STREAMING_UNSIGNED_TRAILER;

    public boolean chunked() {
        return this == STREAMING_SIGNED || this == STREAMING_SIGNED_TRAILER || this == STREAMING_UNSIGNED_TRAILER;
    }
}
