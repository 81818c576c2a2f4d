package io.flashback.orchestrator.lifecycle;

/**
 * The caller is not a party to what it asked for. Answered as 404 so ids of others' agreements and
 * orders cannot be probed.
 */
public class NotYours extends RuntimeException {

    public NotYours(String what) {
        super(what + " not found");
    }
}
