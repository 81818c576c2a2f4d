package io.flashback.oracle.ingest;

import io.flashback.events.oracle.MetricBatchAccepted;
import io.flashback.oracle.ingest.IngestOutcome.Accepted;
import io.flashback.oracle.ingest.IngestOutcome.Duplicate;
import io.flashback.oracle.ingest.IngestOutcome.Reason;
import io.flashback.oracle.ingest.IngestOutcome.Rejected;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Takes a bridge node's signed metric batch (issue #7): within the limits, signed by the key the node is bound to,
 * the node active, the sequence number new for the node, and every sampled agreement one the node serves — then the
 * samples are stored where the SLA evaluation reads them and announced on {@code flashback.metrics.v1}, in one
 * transaction. Anything refused leaves nothing behind. A resend of an accepted batch (the node never got the answer)
 * is recognised by its sequence number and digest and changes nothing.
 */
public final class IngestMetricBatch {

    private final IngestLimits limits;
    private final BoundNodes nodes;
    private final ServedAgreements agreements;
    private final MetricBatches batches;
    private final AcceptedBatches published;
    private final Transactions transactions;
    private final Clock clock;

    public IngestMetricBatch(IngestLimits limits, BoundNodes nodes, ServedAgreements agreements, MetricBatches batches,
                             AcceptedBatches published, Transactions transactions, Clock clock) {
        this.limits = limits;
        this.nodes = nodes;
        this.agreements = agreements;
        this.batches = batches;
        this.published = published;
        this.transactions = transactions;
        this.clock = clock;
    }

    public IngestOutcome ingest(MetricBatch batch) {
        Instant receivedAt = clock.instant();
        List<String> problems = limits.problems(batch, receivedAt);
        if (!problems.isEmpty()) {
            return new Rejected(Reason.INVALID, String.join("; ", problems), problems, 0);
        }
        String text = BatchText.of(batch);
        Optional<String> signer = Eip191.signer(text, batch.signature());
        if (signer.isEmpty() || !signer.get().equals(batch.nodeAddress())) {
            return Rejected.of(Reason.FORGED, "the batch was not signed by the key of " + batch.nodeAddress()
                    + (signer.map(s -> " (it recovers to " + s + ")").orElse("")));
        }
        Optional<BoundNodes.BoundNode> node = nodes.find(batch.nodeId());
        if (node.isEmpty() || !node.get().boundTo(batch.nodeAddress())) {
            return Rejected.of(Reason.UNBOUND_NODE, "node " + batch.nodeId() + " is not bound to " + batch.nodeAddress());
        }
        if (!node.get().active()) {
            return Rejected.of(Reason.INACTIVE_NODE, "node " + batch.nodeId() + " is not active (no collateral bound on chain)");
        }
        String digest = digest(text);
        try {
            return transactions.inTransaction(() -> store(batch, digest, receivedAt));
        } catch (Refused refused) {
            return refused.rejection;
        }
    }

    private IngestOutcome store(MetricBatch batch, String digest, Instant receivedAt) {
        switch (batches.claim(batch.nodeId(), batch.sequence(), digest, batch.createdAt(), receivedAt, batch.samples().size())) {
            case SAME_BATCH -> {
                return new Duplicate(batch.sequence());
            }
            case OTHER_BATCH -> throw new Refused(new Rejected(Reason.SEQUENCE_REUSED, "node " + batch.nodeId() + " already used sequence "
                    + batch.sequence() + " for another batch; number this one after " + batches.lastSequence(batch.nodeId()), List.of(),
                    batches.lastSequence(batch.nodeId())));
            case NEW -> {
            }
        }
        Set<String> ids = new LinkedHashSet<>();
        batch.samples().forEach(sample -> ids.add(sample.agreementId()));
        Map<String, ServedAgreements.ServedAgreement> served = agreements.servedBy(batch.nodeId(), ids);
        Set<String> foreign = new LinkedHashSet<>();
        List<MetricBatches.ResolvedSample> resolved = new ArrayList<>(batch.samples().size());
        List<MetricBatchAccepted.Sample> announced = new ArrayList<>(batch.samples().size());
        for (UsageSample sample : batch.samples()) {
            ServedAgreements.ServedAgreement agreement = served.get(sample.agreementId());
            if (agreement == null || !agreement.servedDuring(sample.minute(), limits.maxClockSkew())) {
                foreign.add(sample.agreementId());
                continue;
            }
            resolved.add(new MetricBatches.ResolvedSample(sample, agreement.escrowAgreementId()));
            announced.add(announced(sample, agreement));
        }
        if (!foreign.isEmpty()) {
            throw new Refused(new Rejected(Reason.FOREIGN_AGREEMENT, "node " + batch.nodeId() + " does not serve (at the sampled minutes) "
                    + String.join(", ", foreign), List.copyOf(foreign), 0));
        }
        batches.store(batch.nodeId(), batch.sequence(), resolved);
        published.publish(new MetricBatchAccepted(UUID.randomUUID(), receivedAt, batch.nodeId(), batch.nodeAddress(), batch.sequence(),
                batch.createdAt(), announced, batch.signature()));
        return new Accepted(batch.sequence(), resolved.size());
    }

    private static MetricBatchAccepted.Sample announced(UsageSample s, ServedAgreements.ServedAgreement agreement) {
        return new MetricBatchAccepted.Sample(s.agreementId(), agreement.escrowAgreementId().toString(), s.minute(), s.requests(),
                s.serverErrors(), s.clientErrors(), s.requestsByOperation(), s.bytesIn(), s.bytesOut(), s.latencySumMs(), s.latencyMaxMs(),
                s.latencyHistogram(), s.uploadBytes(), s.uploadMillis(), s.downloadBytes(), s.downloadMillis(), s.storedBytes());
    }

    /** SHA-256 of the signed text: the same batch resent has the same digest, another batch under its number does not. */
    static String digest(String text) {
        try {
            return "0x" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Rolls the transaction back: a refused batch leaves no trace, not even its sequence number. */
    private static final class Refused extends RuntimeException {
        private final Rejected rejection;

        Refused(Rejected rejection) {
            super(rejection.detail(), null, false, false);
            this.rejection = rejection;
        }
    }
}
