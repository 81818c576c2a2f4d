package io.flashback.marketplace.dataunit;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The marketplace's Data Units. */
public interface DataUnits {

    Optional<DataUnit> find(UUID id);

    List<DataUnit> findAll(List<UUID> ids);
}
