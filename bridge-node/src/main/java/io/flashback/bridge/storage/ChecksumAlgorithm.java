package io.flashback.bridge.storage;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * The additional checksums S3 supports, see
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html
 * Values travel base64-encoded, big-endian for the CRCs.
 */
public enum ChecksumAlgorithm {
    CRC32, CRC32C, CRC64NVME, SHA1, SHA256;

    /** The request/response header carrying this checksum, e.g. {@code x-amz-checksum-crc32}. */
    public String header() {
        return "x-amz-checksum-" + name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ChecksumAlgorithm> fromName(String name) {
        if (name == null) return Optional.empty();
        try {
            return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static Optional<ChecksumAlgorithm> fromHeader(String header) {
        String h = header.toLowerCase(Locale.ROOT);
        return h.startsWith("x-amz-checksum-") ? fromName(h.substring("x-amz-checksum-".length())) : Optional.empty();
    }

    public Hasher newHasher() {
        return switch (this) {
            case CRC32 -> new IntCrcHasher(new CRC32());
            case CRC32C -> new IntCrcHasher(new CRC32C());
            case CRC64NVME -> new Crc64NvmeHasher();
            case SHA1 -> new DigestHasher(digest("SHA-1"));
            case SHA256 -> new DigestHasher(digest("SHA-256"));
        };
    }

    static MessageDigest digest(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Incremental hash producing the raw (big-endian) checksum bytes. */
    public interface Hasher {
        void update(byte[] b, int off, int len);

        byte[] digest();
    }

    private record IntCrcHasher(java.util.zip.Checksum crc) implements Hasher {
        public void update(byte[] b, int off, int len) { crc.update(b, off, len); }

        public byte[] digest() {
            long v = crc.getValue();
            return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
        }
    }

    private record DigestHasher(MessageDigest md) implements Hasher {
        public void update(byte[] b, int off, int len) { md.update(b, off, len); }

        public byte[] digest() { return md.digest(); }
    }

    /**
     * CRC-64/NVME (reflected polynomial 0x9a6c9329ac4bc9b5, init and xorout all ones), the
     * default checksum of newer AWS SDKs.
     */
    static final class Crc64NvmeHasher implements Hasher {
        private static final long[] TABLE = new long[256];

        static {
            for (int i = 0; i < 256; i++) {
                long c = i;
                for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? (c >>> 1) ^ 0x9a6c9329ac4bc9b5L : c >>> 1;
                TABLE[i] = c;
            }
        }

        private long crc = -1L;

        public void update(byte[] b, int off, int len) {
            long c = crc;
            for (int i = off; i < off + len; i++) c = TABLE[(int) ((c ^ b[i]) & 0xff)] ^ (c >>> 8);
            crc = c;
        }

        public byte[] digest() {
            long v = ~crc;
            byte[] out = new byte[8];
            for (int i = 0; i < 8; i++) out[i] = (byte) (v >>> (56 - 8 * i));
            return out;
        }
    }
}
