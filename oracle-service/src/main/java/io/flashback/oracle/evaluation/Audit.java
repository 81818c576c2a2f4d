package io.flashback.oracle.evaluation;

import java.time.Instant;

/** One possession audit: a random byte range of a canary object hashed by the node, checked against the known content. */
public record Audit(Instant at, boolean passed) {
}
