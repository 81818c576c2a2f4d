package io.flashback.monitor.audit;

import java.util.Optional;
import java.util.UUID;

/**
 * The platform's own S3 credentials on a node, if it has any. Today they come from configuration;
 * once the grant sync gives the platform a grant on every node, that is the source.
 */
public interface CanaryCredentials {

    Optional<CanaryAccess> forNode(UUID nodeId);
}
