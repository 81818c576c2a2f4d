package io.flashback.monitor.probe;

import java.time.Duration;
import java.util.Optional;

/** What an unsigned HTTP request to a node's endpoint saw, before anyone judges it. */
public sealed interface HttpObservation {

    Duration elapsed();

    /**
     * A complete answer.
     *
     * @param body the start of the body (at most what the probe keeps), decoded as UTF-8
     */
    record Answered(int status, String contentType, String body, Duration timeToFirstByte, Duration elapsed) implements HttpObservation {
    }

    /** No complete answer in time; the first byte may have come. */
    record TimedOut(Optional<Duration> timeToFirstByte, Duration elapsed) implements HttpObservation {
    }

    /** No connection (refused, reset, DNS, TLS). */
    record Unreachable(String reason, Duration elapsed) implements HttpObservation {
    }
}
