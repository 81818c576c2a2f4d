package io.flashback.registry.node;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Bridge nodes as other parts of the registry read them (certification); only the node package changes them. */
public interface BridgeNodeDirectory {

    Optional<BridgeNode> find(UUID id);

    /** Nodes that are ACTIVE (collateral at the minimum) and online, oldest first. */
    List<BridgeNode> activeAndOnline();
}
