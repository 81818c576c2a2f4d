package io.flashback.monitor.qos;

import io.flashback.monitor.audit.AuditResult;
import io.flashback.monitor.probe.ProbeResult;

import java.util.UUID;

/**
 * Adds observations to the minute and hour buckets of the node's series and, when the node has a
 * provider, of the provider's. Called in the transaction that stores the observation.
 */
public interface QosRollups {

    void probed(UUID nodeId, String providerWallet, ProbeResult result);

    void audited(UUID nodeId, String providerWallet, AuditResult result);
}
