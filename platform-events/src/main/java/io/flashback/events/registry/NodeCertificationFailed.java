package io.flashback.events.registry;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A bridge node failed a certification run; {@code reasons} are the failed checks as its provider is shown them. A
 * node that was certified stays so until its earlier certification's end; a node that never was is not certified.
 */
public record NodeCertificationFailed(UUID eventId, Instant occurredAt, UUID nodeId, String providerWallet, UUID runId,
                                      List<String> reasons) implements RegistryEvent {

    public NodeCertificationFailed {
        reasons = List.copyOf(reasons);
    }

    @Override
    public String aggregateId() {
        return nodeId.toString();
    }
}
