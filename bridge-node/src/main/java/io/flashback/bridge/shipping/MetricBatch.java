package io.flashback.bridge.shipping;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A numbered, signed batch of closed minutes, as spooled and as posted to the oracle
 * ({@code POST /api/oracle/ingest/batches}).
 *
 * @param sequence  the node's batch number, strictly increasing and never reused (persisted by the spool)
 * @param createdAt millisecond precision: that is what is signed
 * @param signature ERC-191 {@code personal_sign} of {@link BatchText#of} with the node key, 0x r‖s‖v
 */
public record MetricBatch(UUID nodeId, String nodeAddress, long sequence, Instant createdAt, List<UsageSample> samples, String signature) {

    public MetricBatch {
        samples = List.copyOf(samples);
    }

    MetricBatch signedWith(String signature) {
        return new MetricBatch(nodeId, nodeAddress, sequence, createdAt, samples, signature);
    }
}
