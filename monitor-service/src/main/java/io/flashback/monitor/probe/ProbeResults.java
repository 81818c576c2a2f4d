package io.flashback.monitor.probe;

import io.flashback.monitor.node.MonitoredNode;

/** Where probe results go: stored, rolled up into the QoS series and published, all or nothing. */
public interface ProbeResults {

    void record(MonitoredNode node, ProbeResult result);
}
