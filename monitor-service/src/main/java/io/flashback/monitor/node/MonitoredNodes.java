package io.flashback.monitor.node;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The read model of bridge nodes, kept from registry-service's events. */
public interface MonitoredNodes {

    Optional<MonitoredNode> find(UUID nodeId);

    /** Every node the probes should reach now (see {@link MonitoredNode#probed()}). */
    List<MonitoredNode> probeTargets();

    /** Whether any node was ever claimed by this wallet (lower case). */
    boolean knowsProvider(String wallet);
}
