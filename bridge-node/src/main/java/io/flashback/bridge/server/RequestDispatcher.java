package io.flashback.bridge.server;

/** The application behind the HTTP server. Runs on a virtual thread per request. */
public interface RequestDispatcher {
    void dispatch(Exchange exchange);

    /** A request the HTTP decoder could not parse (oversized headers, bad request line). */
    Response malformed(Throwable cause);
}
