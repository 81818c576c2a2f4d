package io.flashback.monitor.probe;

import java.net.URI;
import java.time.Duration;

/** Sends one unsigned request to a node's S3 endpoint and reports what came back, within {@code timeout}. */
public interface EndpointProbe {

    HttpObservation probe(URI endpoint, Duration timeout);
}
