package io.flashback.bridge.shipping;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spool's promises: durable before sending, kept across restarts, never a partial batch sent, bounded and loud when full. */
class SpoolingMetricBatchesTest {
    static final Instant MINUTE = Instant.parse("2026-11-23T12:00:00Z");
    static final MetricSpool.Limits ROOMY = new MetricSpool.Limits(100, 1 << 20);

    @TempDir
    Path dir;

    @Test
    void spooledBatchesSurviveARestartAndComeBackOldestFirst() {
        MetricSpool spool = MetricSpool.open(dir, ROOMY, new SimpleMeterRegistry());
        for (int i = 0; i < 3; i++) {
            long sequence = spool.nextSequence();
            assertThat(spool.append(sequence, ShippingFixtures.batchJson(sequence, MINUTE.plusSeconds(60L * i)), 1)).isTrue();
        }

        MetricSpool reopened = MetricSpool.open(dir, ROOMY, new SimpleMeterRegistry());

        assertThat(reopened.pending()).extracting(MetricSpool.Entry::sequence).containsExactly(1L, 2L, 3L);
        assertThat(BatchJson.read(reopened.read(reopened.pending().getFirst())).samples().getFirst().minute()).isEqualTo(MINUTE);
        assertThat(reopened.nextSequence()).isEqualTo(4);
    }

    @Test
    void aWriteInterruptedByACrashIsDroppedAndADamagedBatchIsSetAsideNotSent() throws Exception {
        MetricSpool spool = MetricSpool.open(dir, ROOMY, new SimpleMeterRegistry());
        spool.append(1, ShippingFixtures.batchJson(1, MINUTE), 1);
        byte[] whole = ShippingFixtures.batchJson(2, MINUTE);
        Files.write(dir.resolve(MetricSpool.name(2) + ".tmp"), Arrays.copyOf(whole, whole.length / 2));
        Files.write(dir.resolve(MetricSpool.name(3)), Arrays.copyOf(whole, whole.length / 3));

        MetricSpool reopened = MetricSpool.open(dir, ROOMY, new SimpleMeterRegistry());

        assertThat(reopened.pending()).extracting(MetricSpool.Entry::sequence).containsExactly(1L);
        assertThat(ShippingFixtures.files(dir, "*.tmp")).isZero();
        assertThat(Files.exists(dir.resolve("rejected").resolve(MetricSpool.name(3)))).isTrue();
        assertThat(reopened.nextSequence()).as("a number seen on disk is never handed out again").isEqualTo(4);
    }

    @Test
    void sequenceNumbersKeepIncreasingAfterEveryBatchWasAcknowledged() {
        MetricSpool spool = MetricSpool.open(dir, ROOMY, new SimpleMeterRegistry());
        spool.append(1, ShippingFixtures.batchJson(1, MINUTE), 1);
        spool.append(2, ShippingFixtures.batchJson(2, MINUTE), 1);
        spool.pending().forEach(spool::acknowledge);

        MetricSpool reopened = MetricSpool.open(dir, ROOMY, new SimpleMeterRegistry());

        assertThat(reopened.pending()).isEmpty();
        assertThat(reopened.nextSequence()).isEqualTo(3);
    }

    @Test
    void aFullSpoolKeepsTheOldestBatchesRefusesNewOnesAndSaysSo() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        MetricSpool spool = MetricSpool.open(dir, new MetricSpool.Limits(2, 1 << 20), meters);
        spool.append(1, ShippingFixtures.batchJson(1, MINUTE), 1);
        spool.append(2, ShippingFixtures.batchJson(2, MINUTE), 1);

        boolean third = spool.append(3, ShippingFixtures.batchJson(3, MINUTE), 7);

        assertThat(third).isFalse();
        assertThat(spool.pending()).extracting(MetricSpool.Entry::sequence).containsExactly(1L, 2L);
        assertThat(spool.nextSequence()).as("the refused batch used up no number").isEqualTo(3);
        assertThat(meters.get("flashback.bridge.metrics.spool.full").gauge().value()).isEqualTo(1);
        assertThat(meters.get("flashback.bridge.metrics.samples.unspooled").counter().count()).isEqualTo(7);

        spool.acknowledge(spool.pending().getFirst());

        assertThat(meters.get("flashback.bridge.metrics.spool.full").gauge().value()).isZero();
        assertThat(spool.append(3, ShippingFixtures.batchJson(3, MINUTE), 1)).isTrue();
    }

    @Test
    void theSpoolIsBoundedInBytesToo() {
        byte[] batch = ShippingFixtures.batchJson(1, MINUTE);
        MetricSpool spool = MetricSpool.open(dir, new MetricSpool.Limits(100, batch.length + 10L), new SimpleMeterRegistry());

        assertThat(spool.append(1, batch, 1)).isTrue();
        assertThat(spool.append(2, ShippingFixtures.batchJson(2, MINUTE), 1)).isFalse();
        assertThat(spool.full()).isTrue();
    }
}
