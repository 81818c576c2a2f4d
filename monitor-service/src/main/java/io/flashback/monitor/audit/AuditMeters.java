package io.flashback.monitor.audit;

import io.flashback.monitor.node.MonitoredNode;

/** What operators see of the audits (Prometheus). */
public interface AuditMeters {

    void audited(MonitoredNode node, AuditResult result);

    /** A canary could not be placed on the node, so it could not be audited this round. */
    void notPlaced(MonitoredNode node);
}
