package io.flashback.events.oracle;

import io.flashback.events.IntegrationEvent;

/**
 * Events oracle-service publishes: per-agreement verdicts on {@link io.flashback.events.Topics#SLA} and
 * validator signatures on {@link io.flashback.events.Topics#ORACLE}.
 */
public sealed interface OracleEvent extends IntegrationEvent permits SlaVerdictReached, EpochRootSigned {
}
