package io.flashback.bridge.server;

/** The application behind the HTTP server. Runs on a virtual thread per request. */
public interface RequestDispatcher {
    void dispatch(Exchange exchange);

    /**
     * Whether a request without a body may be served directly on the I/O thread, saving two thread
     * hand-offs. Only for work that never waits long (metadata from the page cache, zero-copy sends).
     */
    default boolean servesOnIoThread(String method) {
        return false;
    }

    /** A request the HTTP decoder could not parse (oversized headers, bad request line). */
    Response malformed(Throwable cause);
}
