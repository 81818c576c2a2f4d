package io.flashback.events;

import java.util.List;

/** Kafka topic names, defined once (ARCHITECTURE.md §3): one per producing service plus the metric streams. */
public final class Topics {

    public static final String REGISTRY = "flashback.registry.v1";
    public static final String MARKETPLACE = "flashback.marketplace.v1";
    public static final String ORCHESTRATOR = "flashback.orchestrator.v1";
    public static final String MONITOR = "flashback.monitor.v1";
    public static final String ORACLE = "flashback.oracle.v1";
    public static final String METRICS = "flashback.metrics.v1";
    public static final String PROBES = "flashback.probes.v1";
    public static final String QOS = "flashback.qos.v1";
    public static final String SLA = "flashback.sla.v1";

    public static final List<String> ALL = List.of(REGISTRY, MARKETPLACE, ORCHESTRATOR, MONITOR, ORACLE, METRICS, PROBES, QOS, SLA);

    private Topics() {
    }
}
