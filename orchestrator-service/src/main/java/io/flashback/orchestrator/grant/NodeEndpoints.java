package io.flashback.orchestrator.grant;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Where bridge nodes serve S3, as they last announced it to the registry. */
public interface NodeEndpoints {

    /** Records an announcement; one older than what is known changes nothing. */
    void announced(UUID nodeId, String endpoint, Instant at);

    Optional<String> of(String nodeId);
}
