package io.flashback.oracle.ingest;

import io.flashback.events.oracle.MetricBatchAccepted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every validator judges the same inputs: a batch one oracle accepted ({@link MetricBatchAccepted} on
 * {@code flashback.metrics.v1}) is stored by every other validator too, trusting not the accepting oracle but the
 * node's signature the event carries, checked against this validator's own view of the node's binding. A batch it
 * already holds (its own, or a redelivery) changes nothing. A node or agreement this validator has not heard of yet
 * (its registry or orchestrator events are behind) is {@link NotYetKnown}: the caller retries until they arrive.
 */
public final class ReplicateAcceptedBatch {

    private static final Logger log = LoggerFactory.getLogger(ReplicateAcceptedBatch.class);

    public enum Outcome { STORED, ALREADY_HELD, REFUSED }

    /** This validator's read models are behind the accepting oracle's: try again later. */
    public static final class NotYetKnown extends RuntimeException {
        NotYetKnown(String message) {
            super(message);
        }
    }

    private final BoundNodes nodes;
    private final ServedAgreements agreements;
    private final MetricBatches batches;

    public ReplicateAcceptedBatch(BoundNodes nodes, ServedAgreements agreements, MetricBatches batches) {
        this.nodes = nodes;
        this.agreements = agreements;
        this.batches = batches;
    }

    /** Call inside a transaction: a {@link NotYetKnown} must roll back the sequence number claimed. */
    public Outcome replicate(MetricBatchAccepted accepted) {
        MetricBatch batch = batchOf(accepted);
        String text = BatchText.of(batch);
        Optional<String> signer = Eip191.signer(text, batch.signature());
        if (signer.isEmpty() || !signer.get().equals(batch.nodeAddress())) {
            log.error("metric batch {} of node {} on {} is not signed by {}: not stored", batch.sequence(), batch.nodeId(),
                    "flashback.metrics.v1", batch.nodeAddress());
            return Outcome.REFUSED;
        }
        switch (batches.claim(batch.nodeId(), batch.sequence(), IngestMetricBatch.digest(text), batch.createdAt(), accepted.occurredAt(),
                batch.samples().size())) {
            case SAME_BATCH -> {
                return Outcome.ALREADY_HELD;
            }
            case OTHER_BATCH -> {
                log.error("node {} used sequence {} for another batch here: the accepted one is not stored", batch.nodeId(), batch.sequence());
                return Outcome.REFUSED;
            }
            case NEW -> {
            }
        }
        BoundNodes.BoundNode node = nodes.find(batch.nodeId())
                .orElseThrow(() -> new NotYetKnown("node " + batch.nodeId() + " is not known here yet"));
        if (!node.boundTo(batch.nodeAddress())) {
            throw new NotYetKnown("node " + batch.nodeId() + " is not bound to " + batch.nodeAddress() + " here (yet)");
        }
        Set<String> ids = new LinkedHashSet<>();
        batch.samples().forEach(sample -> ids.add(sample.agreementId()));
        Map<String, ServedAgreements.ServedAgreement> served = agreements.servedBy(batch.nodeId(), ids);
        List<MetricBatches.ResolvedSample> resolved = new ArrayList<>(batch.samples().size());
        for (UsageSample sample : batch.samples()) {
            ServedAgreements.ServedAgreement agreement = served.get(sample.agreementId());
            if (agreement == null) {
                throw new NotYetKnown("agreement " + sample.agreementId() + " of node " + batch.nodeId() + " is not known here yet");
            }
            resolved.add(new MetricBatches.ResolvedSample(sample, agreement.escrowAgreementId()));
        }
        batches.store(batch.nodeId(), batch.sequence(), resolved);
        return Outcome.STORED;
    }

    static MetricBatch batchOf(MetricBatchAccepted accepted) {
        List<UsageSample> samples = accepted.samples().stream().map(s -> new UsageSample(s.agreementId(), s.minute().getEpochSecond(),
                s.requests(), s.serverErrors(), s.clientErrors(), s.requestsByOperation(), s.bytesIn(), s.bytesOut(), s.latencySumMs(),
                s.latencyMaxMs(), s.latencyHistogram(), s.uploadBytes(), s.uploadMillis(), s.downloadBytes(), s.downloadMillis(),
                s.storedBytes())).toList();
        return new MetricBatch(accepted.nodeId(), accepted.nodeAddress(), accepted.sequence(), accepted.createdAt(), samples,
                accepted.signature());
    }
}
