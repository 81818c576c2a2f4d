package io.flashback.events;

/** A message on an event topic that is not a readable CloudEvents envelope of a known shape. */
public class UnreadableEventException extends RuntimeException {

    public UnreadableEventException(String message) {
        super(message);
    }

    public UnreadableEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
