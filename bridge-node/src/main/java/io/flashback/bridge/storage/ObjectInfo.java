package io.flashback.bridge.storage;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An object's metadata as stored.
 *
 * @param checksums    the additional checksums the client asked for, base64 (composite ones end in {@code -N})
 * @param checksumType FULL_OBJECT or COMPOSITE, null when no checksum was requested
 * @param crc32c       whole-object CRC32C (base64), kept for every object for the GCS JSON API
 * @param partSizes    sizes of the parts of a multipart object (GetObject partNumber), empty otherwise
 */
public record ObjectInfo(
        String key,
        long size,
        String etag,
        Instant lastModified,
        ObjectAttributes attributes,
        Map<ChecksumAlgorithm, String> checksums,
        String checksumType,
        String crc32c,
        List<Long> partSizes) {

    public ObjectInfo {
        checksums = checksums == null ? Map.of() : Map.copyOf(checksums);
        attributes = attributes == null ? ObjectAttributes.empty() : attributes;
        partSizes = partSizes == null ? List.of() : List.copyOf(partSizes);
    }

    public int partsCount() {
        return partSizes.size();
    }

    /** Quoted, as it goes on the wire. */
    public String quotedEtag() {
        return "\"" + etag + "\"";
    }

    /** GCS generation: the commit time in microseconds, unique per overwrite of a key. */
    public long generation() {
        return lastModified.getEpochSecond() * 1_000_000L + lastModified.getNano() / 1_000;
    }

    public ObjectInfo withAttributes(ObjectAttributes newAttributes) {
        return new ObjectInfo(key, size, etag, lastModified, newAttributes, checksums, checksumType, crc32c, partSizes);
    }
}
