package io.flashback.monitor.web;

/** Nothing is known about what the path names; answered 404 with the message as the detail. */
public class NotFound extends RuntimeException {

    public NotFound(String message) {
        super(message);
    }
}
