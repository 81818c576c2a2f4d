package io.flashback.monitor.qos;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Roll-up granularity of the QoS series. Each answers a bounded range, so one query returns at most
 * about 1 500 (minute) or 2 200 (hour) points.
 */
public enum Resolution {
    MINUTE(ChronoUnit.MINUTES, Duration.ofHours(24), Duration.ofHours(1)),
    HOUR(ChronoUnit.HOURS, Duration.ofDays(92), Duration.ofDays(1));

    private final ChronoUnit unit;
    private final Duration longestRange;
    private final Duration defaultRange;

    Resolution(ChronoUnit unit, Duration longestRange, Duration defaultRange) {
        this.unit = unit;
        this.longestRange = longestRange;
        this.defaultRange = defaultRange;
    }

    /** Start of the bucket {@code at} falls in. */
    public Instant bucketOf(Instant at) {
        return at.truncatedTo(unit);
    }

    public Duration longestRange() {
        return longestRange;
    }

    public Duration defaultRange() {
        return defaultRange;
    }
}
