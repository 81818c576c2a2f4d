package io.flashback.registry;

/**
 * A request the registry refuses for a reason the caller can understand and act on. It changes
 * nothing (it is thrown before, or rolls back, any write) and is answered as problem details by
 * {@link RegistryProblems}; {@link Kind} says which status.
 */
public class Rejection extends RuntimeException {

    public enum Kind { INVALID, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, CONFLICT, GONE, TOO_MANY_REQUESTS, UNAVAILABLE }

    private final Kind kind;
    private final String title;

    public Rejection(Kind kind, String title, String detail) {
        super(detail);
        this.kind = kind;
        this.title = title;
    }

    public Kind kind() {
        return kind;
    }

    public String title() {
        return title;
    }
}
