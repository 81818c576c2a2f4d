package io.flashback.orchestrator.lifecycle;

import java.util.Optional;
import java.util.UUID;

/** Stored acceptance rules, one set per provider. */
public interface ProviderRules {

    void save(AcceptanceRules rules);

    Optional<AcceptanceRules> of(UUID providerId);
}
