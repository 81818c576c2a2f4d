package io.flashback.monitor.probe;

import io.flashback.monitor.node.MonitoredNode;

import java.time.Duration;
import java.util.Collection;

/** What operators see of the probes (Prometheus). */
public interface ProbeMeters {

    void recorded(MonitoredNode node, ProbeResult result);

    /** A round finished over {@code targets}; series of nodes no longer probed may go. */
    void roundFinished(Collection<MonitoredNode> targets, Duration took);
}
