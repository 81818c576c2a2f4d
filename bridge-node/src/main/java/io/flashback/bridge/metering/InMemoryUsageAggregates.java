package io.flashback.bridge.metering;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/** Lock-free in-memory aggregates; a durable spool replaces it when metric shipping arrives. */
public final class InMemoryUsageAggregates implements UsageAggregates {
    private record Key(String accessKey, Instant minute) {}

    private static final class Counters {
        final LongAdder requests = new LongAdder();
        final LongAdder clientErrors = new LongAdder();
        final LongAdder serverErrors = new LongAdder();
        final LongAdder bytesIn = new LongAdder();
        final LongAdder bytesOut = new LongAdder();
        final LongAdder latency = new LongAdder();
        final LongAccumulator latencyMax = new LongAccumulator(Math::max, 0);
    }

    private final ConcurrentHashMap<Key, Counters> minutes = new ConcurrentHashMap<>();

    @Override
    public void record(RequestRecord r) {
        Counters c = minutes.computeIfAbsent(new Key(r.accessKey(), r.at().truncatedTo(ChronoUnit.MINUTES)), k -> new Counters());
        c.requests.increment();
        if (r.status() >= 400 && r.status() < 500) c.clientErrors.increment();
        if (r.status() >= 500) c.serverErrors.increment();
        c.bytesIn.add(r.bytesIn());
        c.bytesOut.add(r.bytesOut());
        c.latency.add(r.latencyNanos());
        c.latencyMax.accumulate(r.latencyNanos());
    }

    @Override
    public List<UsageMinute> drainClosed(Instant now) {
        Instant current = now.truncatedTo(ChronoUnit.MINUTES);
        List<UsageMinute> out = new ArrayList<>();
        for (Map.Entry<Key, Counters> e : minutes.entrySet()) {
            if (e.getKey().minute().isBefore(current) && minutes.remove(e.getKey(), e.getValue())) out.add(toMinute(e.getKey(), e.getValue()));
        }
        out.sort(Comparator.comparing(UsageMinute::minute).thenComparing(UsageMinute::accessKey));
        return out;
    }

    @Override
    public List<UsageMinute> snapshot() {
        List<UsageMinute> out = new ArrayList<>();
        minutes.forEach((k, c) -> out.add(toMinute(k, c)));
        out.sort(Comparator.comparing(UsageMinute::minute).thenComparing(UsageMinute::accessKey));
        return out;
    }

    private static UsageMinute toMinute(Key k, Counters c) {
        return new UsageMinute(k.accessKey(), k.minute(), c.requests.sum(), c.clientErrors.sum(), c.serverErrors.sum(),
                c.bytesIn.sum(), c.bytesOut.sum(), c.latency.sum(), c.latencyMax.get());
    }
}
