package io.flashback.oracle.ingest;

import java.time.Instant;
import java.util.UUID;

/**
 * What the platform's own monitor measured of a node — probes and possession audits — kept as inputs of every
 * agreement the node served at that moment, so a node's own reports are never the only evidence (ARCHITECTURE §5).
 * Recording the same observation twice keeps one.
 */
public interface Observations {

    /** A probe of the node's endpoint from {@code location}; throughputs are 0 when the probe did not measure them. */
    void probed(UUID nodeId, Instant at, String location, boolean succeeded, int ttfbMs, double uploadMbps, double downloadMbps);

    void audited(UUID nodeId, Instant at, boolean passed);
}
