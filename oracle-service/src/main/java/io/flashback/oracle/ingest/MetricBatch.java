package io.flashback.oracle.ingest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a bridge node posts to {@code POST /ingest/batches}: closed minutes of its agreements' usage, numbered and
 * signed with the node key over {@link BatchText#of(MetricBatch)} (ERC-191 {@code personal_sign}).
 *
 * @param nodeAddress the node key's address, 0x and lower case
 * @param sequence    the node's batch number: strictly increasing per node, never reused
 * @param createdAt   when the node made the batch (millisecond precision is signed)
 * @param signature   0x r‖s‖v, 65 bytes
 */
public record MetricBatch(UUID nodeId, String nodeAddress, long sequence, Instant createdAt, List<UsageSample> samples, String signature) {

    public MetricBatch {
        samples = samples == null ? List.of() : List.copyOf(samples);
    }
}
