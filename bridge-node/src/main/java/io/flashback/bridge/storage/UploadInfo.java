package io.flashback.bridge.storage;

import java.time.Instant;

/** An in-progress multipart upload. {@code checksumAlgorithm} may be null. */
public record UploadInfo(String bucket, String key, String uploadId, Instant initiated, ObjectAttributes attributes,
                         ChecksumAlgorithm checksumAlgorithm) {}
