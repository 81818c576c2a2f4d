package io.flashback.events.oracle;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The oracle accepted a bridge node's signed metric batch (issue #7): the signature recovered the node's bound address,
 * the node was active, the sequence number was new for the node and it serves every agreement sampled. Its samples are
 * stored where the SLA evaluation reads them, in the same transaction. One event per batch, not per sample, so the
 * metric stream costs one outbox row per batch; keyed by node id so one node's batches stay in order.
 *
 * @param nodeAddress the node key's address (0x, lower case) that signed the batch
 * @param sequence    the node's batch number (strictly increasing per node)
 * @param createdAt   when the node made the batch
 * @param signature   the node's ERC-191 signature over the batch's canonical text (oracle-service's {@code BatchText}), so
 *                    a consumer — another validator above all — can check the node said this without trusting the oracle
 */
public record MetricBatchAccepted(UUID eventId, Instant occurredAt, UUID nodeId, String nodeAddress, long sequence, Instant createdAt,
                                  List<Sample> samples, String signature) implements OracleEvent {

    /** The upper bounds (ms) of the latency histogram's buckets; the last bucket counts everything slower. */
    public static final List<Long> LATENCY_BUCKETS_MS = List.of(5L, 10L, 25L, 50L, 100L, 250L, 500L, 1_000L, 2_500L, 5_000L, 10_000L);

    public MetricBatchAccepted {
        samples = List.copyOf(samples);
    }

    /**
     * One agreement's traffic on the node during one minute, as the node measured and signed it.
     *
     * @param agreementId         the platform agreement id the node reported (the orchestrator's id)
     * @param escrowAgreementId   the escrow's agreement number (decimal uint256) the oracle judges it under
     * @param minute              start of the minute (UTC)
     * @param requestsByOperation requests per S3 / GCS operation name
     * @param latencyHistogram    request counts per {@link #LATENCY_BUCKETS_MS} bucket, plus one for slower requests
     * @param uploadBytes         bytes of uploads large enough to measure throughput, and {@code uploadMillis} the time they took
     * @param downloadBytes       the same for downloads
     * @param storedBytes         bytes the agreement's buckets held at the end of the minute; -1 when the node could not tell
     */
    public record Sample(String agreementId, String escrowAgreementId, Instant minute, long requests, long serverErrors, long clientErrors,
                         Map<String, Long> requestsByOperation, long bytesIn, long bytesOut, long latencySumMs, long latencyMaxMs,
                         List<Long> latencyHistogram, long uploadBytes, long uploadMillis, long downloadBytes, long downloadMillis,
                         long storedBytes) {

        public Sample {
            requestsByOperation = Map.copyOf(requestsByOperation);
            latencyHistogram = List.copyOf(latencyHistogram);
        }
    }

    @Override
    public String aggregateId() {
        return nodeId.toString();
    }
}
