package io.flashback.bridge.storage;

/**
 * CRC32C of a concatenation from the CRCs of its parts, without rereading the data (the GF(2)
 * matrix method of zlib's crc32_combine), so a completed multipart upload gets the whole-object
 * crc32c the GCS JSON API reports.
 */
public final class Crc32cCombine {
    private static final long POLY = 0x82F63B78L; // reflected Castagnoli polynomial

    private Crc32cCombine() {}

    public static long combine(long crc1, long crc2, long len2) {
        if (len2 <= 0) return crc1;
        long[] even = new long[32];
        long[] odd = new long[32];
        odd[0] = POLY;
        long row = 1;
        for (int n = 1; n < 32; n++) {
            odd[n] = row;
            row <<= 1;
        }
        square(even, odd);
        square(odd, even);
        do {
            square(even, odd);
            if ((len2 & 1) != 0) crc1 = times(even, crc1);
            len2 >>= 1;
            if (len2 == 0) break;
            square(odd, even);
            if ((len2 & 1) != 0) crc1 = times(odd, crc1);
            len2 >>= 1;
        } while (len2 != 0);
        return (crc1 ^ crc2) & 0xffffffffL;
    }

    private static long times(long[] mat, long vec) {
        long sum = 0;
        int i = 0;
        while (vec != 0) {
            if ((vec & 1) != 0) sum ^= mat[i];
            vec >>>= 1;
            i++;
        }
        return sum;
    }

    private static void square(long[] square, long[] mat) {
        for (int n = 0; n < 32; n++) square[n] = times(mat, mat[n]);
    }
}
