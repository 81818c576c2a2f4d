package io.flashback.marketplace.search;

/** A search that cannot be run as asked (bad limit, foreign or damaged cursor). */
public class InvalidSearchException extends RuntimeException {

    public InvalidSearchException(String message) {
        super(message);
    }
}
