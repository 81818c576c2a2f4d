package io.flashback.events.oracle;

import io.flashback.events.IntegrationEvent;

/**
 * Events oracle-service publishes: per-agreement verdicts on {@link io.flashback.events.Topics#SLA},
 * validator signatures on {@link io.flashback.events.Topics#ORACLE} and accepted bridge-node metric batches on
 * {@link io.flashback.events.Topics#METRICS}.
 */
public sealed interface OracleEvent extends IntegrationEvent permits SlaVerdictReached, EpochRootSigned, MetricBatchAccepted {
}
