package io.flashback.registry.node;

import io.flashback.events.outbox.Outbox;
import io.flashback.events.registry.NodeCameOnline;
import io.flashback.registry.RegistryProperties;
import io.flashback.registry.Rejection;
import io.flashback.registry.identity.Eip191;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** A node's signed heartbeat: keeps it online, or brings it back online. */
@Service
class RecordHeartbeat {

    private final JdbcBridgeNodes nodes;
    private final Outbox outbox;
    private final Clock clock;
    private final Duration window;

    RecordHeartbeat(JdbcBridgeNodes nodes, Outbox outbox, Clock clock, RegistryProperties properties) {
        this.nodes = nodes;
        this.outbox = outbox;
        this.clock = clock;
        this.window = properties.nodes().signatureWindow();
    }

    @Transactional
    BridgeNode record(UUID nodeId, long timestamp, String signature) {
        Instant now = clock.instant();
        BridgeNode node = nodes.lockById(nodeId).orElseThrow(() -> NodeProblems.unknown(nodeId));
        NodeSignatures.requireFresh(timestamp, now, window, "heartbeat");
        String signer = Eip191.recover(new NodeHeartbeat(nodeId, node.nodeAddress(), timestamp).canonicalMessage(), signature);
        if (!signer.equals(node.nodeAddress())) {
            throw NodeSignatures.wrongSigner("heartbeat", signer, node.nodeAddress());
        }
        if (timestamp <= nodes.lastHeartbeatTimestamp(nodeId)) {
            throw new Rejection(Rejection.Kind.CONFLICT, "Replayed heartbeat",
                    "a heartbeat must carry a later timestamp than the node's previous one");
        }
        nodes.heartbeat(nodeId, timestamp, now);
        if (!node.online()) {
            outbox.publish(new NodeCameOnline(UUID.randomUUID(), now, nodeId, node.providerWallet()));
        }
        return nodes.find(nodeId).orElseThrow();
    }
}
