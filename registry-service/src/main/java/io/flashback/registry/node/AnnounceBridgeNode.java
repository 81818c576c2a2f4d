package io.flashback.registry.node;

import io.flashback.chain.Address;
import io.flashback.chain.eip712.NodeClaims;
import io.flashback.events.outbox.Outbox;
import io.flashback.events.registry.NodeAnnounced;
import io.flashback.registry.RegistryProperties;
import io.flashback.registry.Rejection;
import io.flashback.registry.identity.Eip191;
import io.flashback.registry.identity.Secrets;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A bridge node announces itself with a request signed by its node key. The first announcement of
 * a node address creates the node and a secret that only the node (which prints it for its
 * provider) and the platform (which keeps its SHA-256) know. A later announcement of the same key
 * updates the details; while nobody has claimed the node it also replaces the secret, so a node
 * that lost its data directory can still be claimed.
 *
 * <p>The node's id is derived from its node address ({@link NodeClaims#nodeUuidOf}), exactly as
 * BridgeNodeRegistry derives it: the contract accepts a claim of this id only with this node's key,
 * so nobody can bind the id to a key of its own first (security issue #13, M5).
 */
@Service
class AnnounceBridgeNode {

    record Announced(UUID nodeId, Optional<String> secret, NodeState state) {
    }

    private final JdbcBridgeNodes nodes;
    private final Outbox outbox;
    private final Clock clock;
    private final Duration window;

    AnnounceBridgeNode(JdbcBridgeNodes nodes, Outbox outbox, Clock clock, RegistryProperties properties) {
        this.nodes = nodes;
        this.outbox = outbox;
        this.clock = clock;
        this.window = properties.nodes().signatureWindow();
    }

    @Transactional
    Announced announce(NodeAnnouncement announcement, String signature) {
        Instant now = clock.instant();
        NodeSignatures.requireFresh(announcement.timestamp(), now, window, "announcement");
        String signer = Eip191.recover(announcement.canonicalMessage(), signature);
        if (!signer.equals(announcement.nodeAddress())) {
            throw NodeSignatures.wrongSigner("announcement", signer, announcement.nodeAddress());
        }
        if (!nodes.firstUseOfNonce(announcement.nodeAddress(), announcement.nonce(), now)) {
            throw new Rejection(Rejection.Kind.CONFLICT, "Replayed announcement",
                    "this node already sent an announcement with nonce " + announcement.nonce());
        }
        nodes.forgetNoncesBefore(now.minus(window.multipliedBy(2)));
        Optional<BridgeNode> known = nodes.lockByAddress(announcement.nodeAddress());
        UUID id = known.map(BridgeNode::id).orElseGet(() -> NodeClaims.nodeUuidOf(Address.of(announcement.nodeAddress())));
        Optional<String> secret = known.filter(BridgeNode::claimed).isPresent() ? Optional.empty() : Optional.of(Secrets.token(32));
        if (known.isEmpty()) {
            nodes.insert(id, announcement, Secrets.sha256(secret.orElseThrow()), now);
        } else {
            nodes.updateDetails(id, announcement, secret.map(Secrets::sha256).orElse(null), now);
        }
        outbox.publish(new NodeAnnounced(UUID.randomUUID(), now, id, announcement.nodeAddress(), announcement.endpoint(),
                String.join(",", announcement.apis()), announcement.region(), announcement.capacityBytes(), announcement.version()));
        return new Announced(id, secret, known.map(BridgeNode::state).orElse(NodeState.ANNOUNCED));
    }
}
