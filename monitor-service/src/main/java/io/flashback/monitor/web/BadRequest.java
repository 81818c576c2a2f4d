package io.flashback.monitor.web;

/** A request this service cannot read as asked; answered 400 with the message as the detail. */
public class BadRequest extends RuntimeException {

    public BadRequest(String message) {
        super(message);
    }
}
