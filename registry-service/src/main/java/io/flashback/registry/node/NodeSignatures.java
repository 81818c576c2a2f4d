package io.flashback.registry.node;

import io.flashback.registry.Rejection;

import java.time.Duration;
import java.time.Instant;

/** The checks every node-signed request shares. */
final class NodeSignatures {

    private NodeSignatures() {
    }

    static void requireFresh(long timestamp, Instant now, Duration window, String what) {
        if (Math.abs(now.getEpochSecond() - timestamp) > window.toSeconds()) {
            throw new Rejection(Rejection.Kind.UNAUTHENTICATED, "Stale " + what,
                    "the " + what + "'s timestamp " + timestamp + " is more than " + window.toSeconds() + " s from the registry's clock ("
                            + now.getEpochSecond() + ")");
        }
    }

    static Rejection wrongSigner(String what, String signer, String nodeAddress) {
        return new Rejection(Rejection.Kind.UNAUTHENTICATED, "Invalid signature",
                "the " + what + " was signed by " + signer + ", not by the node key " + nodeAddress);
    }
}
