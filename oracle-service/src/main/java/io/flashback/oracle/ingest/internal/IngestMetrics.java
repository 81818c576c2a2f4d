package io.flashback.oracle.ingest.internal;

import io.flashback.oracle.ingest.IngestOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;

/**
 * Prometheus meters of the ingest: {@code flashback_oracle_ingest_batches_total{outcome,reason}},
 * {@code flashback_oracle_ingest_samples_total} and {@code flashback_oracle_ingest_lag_seconds} (a histogram of the
 * time from the node making a batch to the oracle storing it: spool time during outages plus transit).
 */
final class IngestMetrics {

    private final MeterRegistry registry;
    private final Counter samples;
    private final Timer lag;

    IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.samples = Counter.builder("flashback.oracle.ingest.samples").description("Bridge-node samples stored").register(registry);
        this.lag = Timer.builder("flashback.oracle.ingest.lag").description("From a node making a metric batch to the oracle storing it")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(10)).maximumExpectedValue(Duration.ofHours(24))
                .register(registry);
    }

    void record(IngestOutcome outcome, Duration lagOfAccepted) {
        String kind;
        String reason;
        switch (outcome) {
            case IngestOutcome.Accepted accepted -> {
                kind = "accepted";
                reason = "none";
                samples.increment(accepted.samples());
                lag.record(lagOfAccepted.isNegative() ? Duration.ZERO : lagOfAccepted);
            }
            case IngestOutcome.Duplicate duplicate -> {
                kind = "duplicate";
                reason = "replayed";
            }
            case IngestOutcome.Rejected rejected -> {
                kind = "rejected";
                reason = rejected.reason().slug();
            }
        }
        Counter.builder("flashback.oracle.ingest.batches").description("Metric batches by outcome and reason of refusal")
                .tags("outcome", kind, "reason", reason).register(registry).increment();
    }
}
