package io.flashback.events.monitor;

import io.flashback.events.IntegrationEvent;

/**
 * Events monitor-service publishes: what its probes and possession audits observed on
 * {@link io.flashback.events.Topics#PROBES} (keyed by node id, so one node's observations stay in
 * order), reputation moves and penalty warnings on {@link io.flashback.events.Topics#QOS} (keyed by
 * the subject: a provider wallet or a Data Unit id).
 */
public sealed interface MonitorEvent extends IntegrationEvent
        permits ProbeRecorded, AuditRecorded, ReputationChanged, PenaltyWarningRaised {
}
