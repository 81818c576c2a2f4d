package io.flashback.monitor.metrics;

import io.flashback.events.Topics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How far behind the event streams monitor consumes are, per topic: {@code flashback.monitor.pipeline.lag}
 * is how long the newest applied event took from occurring to being applied here; {@code
 * flashback.monitor.pipeline.event.age} how old the newest applied event is now (it grows on a quiet
 * topic, so alert on lag, chart age). Kafka's own {@code kafka_consumer_fetch_manager_records_lag_max}
 * counts the records not yet fetched.
 */
@Component
public class PipelineLag {

    public enum Stream {
        REGISTRY(Topics.REGISTRY), ORCHESTRATOR(Topics.ORCHESTRATOR), SLA(Topics.SLA);

        private final String topic;

        Stream(String topic) {
            this.topic = topic;
        }
    }

    private record Applied(Instant occurredAt, Instant appliedAt) {
    }

    private final Clock clock;
    private final Map<Stream, AtomicReference<Applied>> newest = new EnumMap<>(Stream.class);

    public PipelineLag(MeterRegistry registry, Clock clock) {
        this.clock = clock;
        for (Stream stream : Stream.values()) {
            AtomicReference<Applied> applied = new AtomicReference<>();
            newest.put(stream, applied);
            Gauge.builder("flashback.monitor.pipeline.lag", applied, PipelineLag::lagSeconds).baseUnit("seconds")
                    .description("from occurrence to application of the newest applied event").tag("topic", stream.topic).register(registry);
            Gauge.builder("flashback.monitor.pipeline.event.age", applied, this::ageSeconds).baseUnit("seconds")
                    .description("age of the newest applied event").tag("topic", stream.topic).register(registry);
        }
    }

    /** An event of {@code stream} that occurred at {@code occurredAt} was applied now. */
    public void applied(Stream stream, Instant occurredAt) {
        newest.get(stream).accumulateAndGet(new Applied(occurredAt, clock.instant()),
                (current, next) -> current == null || !next.occurredAt().isBefore(current.occurredAt()) ? next : current);
    }

    private static double lagSeconds(AtomicReference<Applied> applied) {
        Applied newest = applied.get();
        return newest == null ? Double.NaN : Math.max(0, newest.appliedAt().toEpochMilli() - newest.occurredAt().toEpochMilli()) / 1000.0;
    }

    private double ageSeconds(AtomicReference<Applied> applied) {
        Applied newest = applied.get();
        return newest == null ? Double.NaN : Math.max(0, clock.millis() - newest.occurredAt().toEpochMilli()) / 1000.0;
    }
}
