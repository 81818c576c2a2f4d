package io.flashback.monitor.probe;

/** What a probe found; only {@link #AVAILABLE} counts as up. */
public enum ProbeOutcome {
    /** a well-formed S3 answer (an anonymous request's 403 AccessDenied included): the server is up */
    AVAILABLE,
    /** a 5xx: the server is there but failing */
    SERVER_ERROR,
    /** something answered, but not an S3 server (a proxy's HTML page, an empty body, garbage) */
    NOT_S3,
    /** an S3 server refused the platform's own signed canary request (4xx): the canary cannot be served */
    REFUSED,
    /** no complete answer within the probe timeout */
    TIMEOUT,
    /** no connection: refused, reset, unknown host, TLS failure */
    CONNECTION_FAILED;

    public boolean available() {
        return this == AVAILABLE;
    }
}
