package io.flashback.registry.identity;

import io.flashback.registry.Rejection;

/** A well-formed sign-in that this platform does not accept; the message says why. */
public class SignInRejected extends Rejection {

    public SignInRejected(String message) {
        super(Kind.UNAUTHENTICATED, "Sign-in rejected", message);
    }
}
