package io.flashback.bridge.metering;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/** Every request goes through here: Micrometer meters plus the per-grant minute aggregates. */
public final class RequestMetering {
    private final MeterRegistry registry;
    private final UsageAggregates usage;

    public RequestMetering(MeterRegistry registry, UsageAggregates usage) {
        this.registry = registry;
        this.usage = usage;
    }

    public void record(RequestRecord r) {
        Tags tags = Tags.of("protocol", r.protocol(), "operation", r.operation(), "status_class", r.statusClass(),
                "access_key", r.accessKey());
        Timer.builder("flashback.bridge.requests").description("Requests served, by operation, status class and access key")
                .tags(tags).register(registry).record(r.latencyNanos(), TimeUnit.NANOSECONDS);
        DistributionSummary.builder("flashback.bridge.bytes.in").baseUnit("bytes").tags(tags).register(registry).record(r.bytesIn());
        DistributionSummary.builder("flashback.bridge.bytes.out").baseUnit("bytes").tags(tags).register(registry).record(r.bytesOut());
        usage.record(r);
    }

    public UsageAggregates usage() {
        return usage;
    }
}
