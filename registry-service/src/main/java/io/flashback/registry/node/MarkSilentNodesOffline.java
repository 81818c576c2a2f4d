package io.flashback.registry.node;

import io.flashback.events.outbox.Outbox;
import io.flashback.events.registry.NodeWentOffline;
import io.flashback.registry.RegistryProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Marks OFFLINE every node silent for longer than the heartbeat timeout (its last heartbeat, or its
 * announcement if it never sent one). One UPDATE does it, so instances running it side by side mark
 * and announce each node once.
 */
@Service
class MarkSilentNodesOffline {

    private final JdbcBridgeNodes nodes;
    private final Outbox outbox;
    private final Clock clock;
    private final Duration timeout;

    MarkSilentNodesOffline(JdbcBridgeNodes nodes, Outbox outbox, Clock clock, RegistryProperties properties) {
        this.nodes = nodes;
        this.outbox = outbox;
        this.clock = clock;
        this.timeout = properties.heartbeatTimeout();
    }

    @Scheduled(fixedDelayString = "${flashback.registry.offline-check-interval:30s}", initialDelayString = "${flashback.registry.offline-check-interval:30s}")
    @Transactional
    public List<UUID> run() {
        Instant now = clock.instant();
        List<BridgeNode> silent = nodes.markSilentOffline(now.minus(timeout), now);
        silent.forEach(node -> outbox.publish(new NodeWentOffline(UUID.randomUUID(), now, node.id(), node.providerWallet(),
                node.lastHeartbeatAt())));
        return silent.stream().map(BridgeNode::id).toList();
    }
}
