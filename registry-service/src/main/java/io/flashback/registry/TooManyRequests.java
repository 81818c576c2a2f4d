package io.flashback.registry;

import java.time.Duration;

/** A client sent more requests of one kind than it may in a window; answered 429 with {@code Retry-After}. */
public class TooManyRequests extends Rejection {

    private final Duration retryAfter;

    public TooManyRequests(String detail, Duration retryAfter) {
        super(Kind.TOO_MANY_REQUESTS, "Too many requests", detail);
        this.retryAfter = retryAfter;
    }

    /** Whole seconds until the client may try again, rounded up and at least 1 (the {@code Retry-After} value). */
    public long retryAfterSeconds() {
        return wholeSeconds(retryAfter);
    }

    public static long wholeSeconds(Duration wait) {
        return Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
    }
}
