package io.flashback.oracle.ingest;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The oracle's read model of bridge nodes, from the registry's events: which key a node is bound to (claimed with)
 * and whether it is active (bound on chain with enough collateral).
 */
public interface BoundNodes {

    Optional<BoundNode> find(UUID nodeId);

    void claimed(UUID nodeId, String nodeAddress, String providerWallet, Instant at);

    void activated(UUID nodeId, String providerWallet, BigInteger collateral, Instant at);

    void deactivated(UUID nodeId, BigInteger collateral, Instant at);

    /**
     * @param nodeAddress the node key's address the node was claimed with, lower case; null while only activation is known
     */
    record BoundNode(UUID id, String nodeAddress, boolean active) {

        public boolean boundTo(String address) {
            return nodeAddress != null && nodeAddress.equalsIgnoreCase(address);
        }
    }
}
