package io.flashback.monitor.audit;

import io.flashback.monitor.node.MonitoredNode;

/** Where audit results go: stored, rolled up into the QoS series and published, all or nothing. */
public interface AuditResults {

    void record(MonitoredNode node, AuditResult result);
}
