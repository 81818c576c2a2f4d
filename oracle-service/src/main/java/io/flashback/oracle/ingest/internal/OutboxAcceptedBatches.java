package io.flashback.oracle.ingest.internal;

import io.flashback.events.oracle.MetricBatchAccepted;
import io.flashback.events.outbox.Outbox;
import io.flashback.oracle.ingest.AcceptedBatches;

/** {@link AcceptedBatches} through the transactional outbox: the event exists exactly when the samples were stored. */
final class OutboxAcceptedBatches implements AcceptedBatches {

    private final Outbox outbox;

    OutboxAcceptedBatches(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void publish(MetricBatchAccepted event) {
        outbox.publish(event);
    }
}
