package io.flashback.bridge.metering;

import java.time.Instant;
import java.util.List;

/** Per-grant, per-minute usage, kept until a shipper has taken it. */
public interface UsageAggregates {
    void record(RequestRecord request);

    /** Minutes that ended before {@code now}, oldest first, removed from the aggregates. */
    List<UsageMinute> drainClosed(Instant now);

    /** Everything currently held, including the minute in progress (for inspection). */
    List<UsageMinute> snapshot();
}
