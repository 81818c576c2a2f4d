package io.flashback.bridge.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

class ChecksumsTest {
    private static final byte[] CHECK = "123456789".getBytes(StandardCharsets.US_ASCII);

    private static String hex(ChecksumAlgorithm alg, byte[] data) {
        ChecksumAlgorithm.Hasher h = alg.newHasher();
        h.update(data, 0, data.length);
        return HexFormat.of().formatHex(h.digest());
    }

    @Test
    void crcsMatchTheirCatalogueCheckValues() {
        // check values of "123456789" from the CRC catalogue (reveng.sourceforge.io/crc-catalogue)
        assertThat(hex(ChecksumAlgorithm.CRC32, CHECK)).isEqualTo("cbf43926");
        assertThat(hex(ChecksumAlgorithm.CRC32C, CHECK)).isEqualTo("e3069283");
        assertThat(hex(ChecksumAlgorithm.CRC64NVME, CHECK)).isEqualTo("ae8b14860a799888");
    }

    @Test
    void combiningPartCrc32csGivesTheCrc32cOfTheWhole() {
        byte[] a = new byte[70_001];
        byte[] b = new byte[12_345];
        new Random(1).nextBytes(a);
        new Random(2).nextBytes(b);
        CRC32C ca = new CRC32C();
        ca.update(a);
        CRC32C cb = new CRC32C();
        cb.update(b);
        CRC32C whole = new CRC32C();
        whole.update(a);
        whole.update(b);
        assertThat(Crc32cCombine.combine(ca.getValue(), cb.getValue(), b.length)).isEqualTo(whole.getValue());
    }
}
