package io.flashback.bridge.storage;

/** A part named in CompleteMultipartUpload; etag without quotes. */
public record CompletedPart(int partNumber, String etag) {}
