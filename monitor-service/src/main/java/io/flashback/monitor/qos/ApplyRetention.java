package io.flashback.monitor.qos;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Deletes what is older than its retention: raw probe and audit results first (they are rolled up
 * already), then minute and hour buckets.
 */
public final class ApplyRetention {

    /** Rows older than these go. */
    public record Settings(Duration raw, Duration minute, Duration hour) {
    }

    /** The deletes, each bounded by a cut-off. */
    public interface Expiry {

        long deleteRawBefore(Instant cutoff);

        long deleteRollupsBefore(Resolution resolution, Instant cutoff);
    }

    public record Deleted(long raw, long minuteBuckets, long hourBuckets) {
    }

    private final Expiry expiry;
    private final Clock clock;
    private final Settings settings;

    public ApplyRetention(Expiry expiry, Clock clock, Settings settings) {
        this.expiry = expiry;
        this.clock = clock;
        this.settings = settings;
    }

    public Deleted run() {
        Instant now = clock.instant();
        return new Deleted(expiry.deleteRawBefore(now.minus(settings.raw())),
                expiry.deleteRollupsBefore(Resolution.MINUTE, now.minus(settings.minute())),
                expiry.deleteRollupsBefore(Resolution.HOUR, now.minus(settings.hour())));
    }
}
