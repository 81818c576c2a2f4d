package io.flashback.monitor.audit;

import java.util.Optional;
import java.util.UUID;

/** The canaries placed on nodes, one per node and probe location. */
public interface Canaries {

    Optional<Canary> of(UUID nodeId, String location);

    void placed(Canary canary);

    /** The node lost it: the next round places a new one (and audits keep failing while it keeps losing them). */
    void forget(UUID nodeId, String location);
}
