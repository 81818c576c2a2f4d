package io.flashback.oracle.evaluation;

import java.time.Instant;

/**
 * One request a validator's probe made to the agreement's canary object, from a named location.
 *
 * @param ttfbMs time to first byte (meaningless when the probe failed)
 */
public record Probe(Instant at, String location, boolean succeeded, int ttfbMs, double uploadMbps, double downloadMbps) {
}
