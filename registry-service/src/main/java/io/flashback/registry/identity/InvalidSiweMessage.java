package io.flashback.registry.identity;

import io.flashback.registry.Rejection;

/** The text is not a Sign-In with Ethereum message as EIP-4361 defines it; the message says where. */
public class InvalidSiweMessage extends Rejection {

    public InvalidSiweMessage(String message) {
        super(Kind.INVALID, "Invalid sign-in message", message);
    }
}
