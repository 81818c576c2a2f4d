package io.flashback.bridge.shipping;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashback.bridge.platform.NodeKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The text the node signs for a metric batch, byte for byte as oracle-service pins it (its SigningAMetricBatchTest:
 * same key, batch, digest and signature): a change on either side breaks the ingest, so both keep the same expectations.
 */
class SigningAMetricBatchTest {
    /** anvil's well-known development key 3: address 0x90f79bf6eb2c4f870365e785982e1f101e93b906. */
    static final String PINNED_KEY = "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6";
    static final Instant MINUTE = Instant.parse("2026-11-23T12:00:00Z");
    static final MetricBatch VECTOR = new MetricBatch(UUID.fromString("3f2b1a0c-9d8e-4c7b-a6f5-e4d3c2b1a090"),
            "0x90F79bf6EB2c4f870365E785982E1f101E93b906", 42, Instant.parse("2026-11-23T12:01:05.125Z"), List.of(
            new UsageSample("7c0f5a1e-3b2d-4c8e-9f10-2a3b4c5d6e7f", MINUTE, 120, 1, 3, Map.of("PutObject", 20L, "GetObject", 100L),
                    20_971_520, 104_857_600, 2_400, 310, List.of(10L, 30L, 40L, 25L, 10L, 4L, 1L, 0L, 0L, 0L, 0L, 0L), 20_971_520, 1_600,
                    104_857_600, 4_200, 1_073_741_824),
            new UsageSample("42", MINUTE, 0, 0, 0, Map.of(), 0, 0, 0, 0, List.of(0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L), 0, 0, 0, 0, -1)),
            null);
    static final String SIGNATURE = "0xfbb757fab72af02b0d4ab42c2313ce205bbc167a23d254d7b2e42c604a0eefbb"
            + "75b012a53d81c3b1ce11716539807566e4cdd9bd9d7fd0e62658bdc3bb3a2f131c";

    @TempDir
    Path dir;

    @Test
    void theSignedTextHasOneFieldALineAndTheSamplesThroughTheirDigest() {
        assertThat(BatchText.of(VECTOR)).isEqualTo("""
                Flashback metric batch
                Node id: 3f2b1a0c-9d8e-4c7b-a6f5-e4d3c2b1a090
                Node address: 0x90f79bf6eb2c4f870365e785982e1f101e93b906
                Sequence: 42
                Created at: 1795435265125
                Samples: 2
                Samples SHA-256: 0x6c572945b3f2f7432d6a14b7914f85461cc38e4aa4fea28c3309bd6acd88721b""");
    }

    @Test
    void aSampleLineHasItsFieldsInOrderWithOperationsSortedByName() {
        assertThat(BatchText.line(VECTOR.samples().get(0))).isEqualTo("7c0f5a1e-3b2d-4c8e-9f10-2a3b4c5d6e7f 1795435200 120 1 3 "
                + "GetObject=100,PutObject=20 20971520 104857600 2400 310 10,30,40,25,10,4,1,0,0,0,0,0 20971520 1600 104857600 4200 1073741824");
        assertThat(BatchText.line(VECTOR.samples().get(1))).isEqualTo("42 1795435200 0 0 0 - 0 0 0 0 0,0,0,0,0,0,0,0,0,0,0,0 0 0 0 0 -1");
    }

    @Test
    void theNodeKeySignsThePinnedSignature() throws Exception {
        Path file = dir.resolve("node.key");
        Files.writeString(file, PINNED_KEY + "\n");
        NodeKey key = NodeKey.load(file);

        assertThat(key.address()).isEqualTo("0x90f79bf6eb2c4f870365e785982e1f101e93b906");
        assertThat(key.signText(BatchText.of(VECTOR))).isEqualTo(SIGNATURE);
    }

    @Test
    void theSpooledJsonReadsBackIntoTheSameBatch() {
        MetricBatch signed = VECTOR.signedWith(SIGNATURE);

        assertThat(BatchJson.read(BatchJson.write(signed))).isEqualTo(signed);
    }
}
