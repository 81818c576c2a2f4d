package io.flashback.registry.node;

import io.flashback.registry.Rejection;

import java.util.UUID;

/** Rejections shared by the node use cases. */
final class NodeProblems {

    private NodeProblems() {
    }

    static Rejection unknown(UUID nodeId) {
        return new Rejection(Rejection.Kind.NOT_FOUND, "No such node", "no bridge node " + nodeId);
    }

    static Rejection alreadyClaimed(BridgeNode node, String caller) {
        return new Rejection(Rejection.Kind.CONFLICT, "Node already claimed", node.providerWallet().equals(caller)
                ? "node " + node.id() + " is already bound to your wallet"
                : "node " + node.id() + " is already claimed by another wallet");
    }
}
