package io.flashback.oracle.ingest;

import io.flashback.events.oracle.MetricBatchAccepted;

/** Where accepted batches are announced ({@code flashback.metrics.v1}), in the transaction that stores them. */
public interface AcceptedBatches {

    void publish(MetricBatchAccepted event);
}
