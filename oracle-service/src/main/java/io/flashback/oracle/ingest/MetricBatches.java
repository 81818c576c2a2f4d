package io.flashback.oracle.ingest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Accepted batches (to recognise replays) and their samples, stored where the SLA evaluation reads them. */
public interface MetricBatches {

    /** What the node's sequence number was before this batch claimed it. */
    enum Claim { NEW, SAME_BATCH, OTHER_BATCH }

    /**
     * Records {@code sequence} as used by the node with the batch's digest, unless it already was: then says whether
     * by the same batch (a resend) or another one. Concurrent claims of one number wait for each other.
     */
    Claim claim(UUID nodeId, long sequence, String digest, Instant createdAt, Instant receivedAt, int samples);

    /** The highest sequence number the node has used. */
    long lastSequence(UUID nodeId);

    /**
     * Stores the samples under their escrow agreement numbers; a minute an agreement already has (a node that
     * restarted within the minute reports the rest of it later) is added to what is stored.
     */
    void store(UUID nodeId, long sequence, List<ResolvedSample> samples);

    /** A sample with the escrow agreement it is judged under. */
    record ResolvedSample(UsageSample sample, java.math.BigInteger escrowAgreementId) {
    }
}
