package io.flashback.bridge.storage;

import java.time.Instant;
import java.util.Map;

public record PartInfo(int partNumber, long size, String etag, Instant lastModified,
                       Map<ChecksumAlgorithm, String> checksums, String crc32c) {
    public PartInfo {
        checksums = checksums == null ? Map.of() : Map.copyOf(checksums);
    }
}
