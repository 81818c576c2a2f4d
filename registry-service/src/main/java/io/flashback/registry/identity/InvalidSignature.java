package io.flashback.registry.identity;

import io.flashback.registry.Rejection;

/** A signature that is malformed or does not recover to a key. */
public class InvalidSignature extends Rejection {

    public InvalidSignature(String message) {
        super(Kind.UNAUTHENTICATED, "Invalid signature", message);
    }
}
