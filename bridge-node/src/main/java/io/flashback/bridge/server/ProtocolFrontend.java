package io.flashback.bridge.server;

/** A protocol spoken on the data port (S3 REST, GCS JSON API). */
public interface ProtocolFrontend {
    /** What metering records about a served request. */
    record Outcome(String operation, String accessKey) {}

    String protocol();

    boolean handles(Exchange exchange, RequestUri uri);

    /** Serves the request, responding exactly once (errors included). */
    Outcome serve(Exchange exchange, RequestUri uri, String requestId);
}
