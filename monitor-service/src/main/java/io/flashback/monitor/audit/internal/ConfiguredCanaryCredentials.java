package io.flashback.monitor.audit.internal;

import io.flashback.monitor.MonitorProperties;
import io.flashback.monitor.audit.CanaryAccess;
import io.flashback.monitor.audit.CanaryCredentials;
import io.flashback.monitor.audit.S3Credentials;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Canary credentials from {@code flashback.monitor.canary-credentials}: a stand-in until the grant
 * sync issues the platform its own grant on every node.
 */
final class ConfiguredCanaryCredentials implements CanaryCredentials {

    private final Map<UUID, CanaryAccess> byNode;

    ConfiguredCanaryCredentials(MonitorProperties properties) {
        this.byNode = properties.canaryCredentials().stream().collect(Collectors.toUnmodifiableMap(MonitorProperties.CanaryCredential::nodeId,
                configured -> new CanaryAccess(new S3Credentials(configured.accessKeyId(), configured.secretAccessKey()),
                        configured.bucket() == null || configured.bucket().isBlank() ? properties.audit().bucket() : configured.bucket()),
                (first, second) -> {
                    throw new IllegalStateException("flashback.monitor.canary-credentials names a node twice");
                }));
    }

    @Override
    public Optional<CanaryAccess> forNode(UUID nodeId) {
        return Optional.ofNullable(byNode.get(nodeId));
    }

    @Override
    public String toString() {
        return "ConfiguredCanaryCredentials[" + byNode.size() + " nodes]";
    }
}
