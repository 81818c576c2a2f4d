package io.flashback.bridge.metering;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * Lock-free in-memory aggregates per access key and minute. Closed minutes are drained by the metric shipper, which
 * writes them to its durable spool; the minute in progress lives only here (the shipper spools it on shutdown).
 */
public final class InMemoryUsageAggregates implements UsageAggregates {
    private record Key(String accessKey, Instant minute) {}

    private static final class Counters {
        final String agreementId;
        /** Requests adding to these counters right now; a drain waits for them, so a shipped minute is consistent. */
        final AtomicInteger writers = new AtomicInteger();
        volatile boolean closed;
        final LongAdder requests = new LongAdder();
        final LongAdder clientErrors = new LongAdder();
        final LongAdder serverErrors = new LongAdder();
        final ConcurrentHashMap<String, LongAdder> byOperation = new ConcurrentHashMap<>();
        final LongAdder bytesIn = new LongAdder();
        final LongAdder bytesOut = new LongAdder();
        final LongAdder latency = new LongAdder();
        final LongAccumulator latencyMax = new LongAccumulator(Math::max, 0);
        final LongAdder[] histogram = new LongAdder[LatencyHistogram.BUCKETS];
        final LongAdder uploadBytes = new LongAdder();
        final LongAdder uploadNanos = new LongAdder();
        final LongAdder downloadBytes = new LongAdder();
        final LongAdder downloadNanos = new LongAdder();

        Counters(String agreementId) {
            this.agreementId = agreementId;
            for (int i = 0; i < histogram.length; i++) histogram[i] = new LongAdder();
        }
    }

    private final ConcurrentHashMap<Key, Counters> minutes = new ConcurrentHashMap<>();
    private final Function<String, String> agreementOf;

    /** Aggregates of a node whose grants are all local (no agreement is shipped). */
    public InMemoryUsageAggregates() {
        this(accessKey -> null);
    }

    /**
     * @param agreementOf the agreement an access key's grant serves, or null; asked when a key's minute starts, so the
     *                    usage of a grant revoked before its minute is shipped still counts for its agreement
     */
    public InMemoryUsageAggregates(Function<String, String> agreementOf) {
        this.agreementOf = agreementOf;
    }

    @Override
    public void record(RequestRecord r) {
        Key key = new Key(r.accessKey(), r.at().truncatedTo(ChronoUnit.MINUTES));
        while (true) {
            Counters c = minutes.computeIfAbsent(key, k -> new Counters(agreementOf.apply(k.accessKey())));
            c.writers.incrementAndGet();
            try {
                // drained meanwhile (a straggler of a closed minute): count it in a fresh entry, shipped with the next batch
                if (c.closed) continue;
                add(c, r);
                return;
            } finally {
                c.writers.decrementAndGet();
            }
        }
    }

    private static void add(Counters c, RequestRecord r) {
        c.requests.increment();
        if (r.status() >= 400 && r.status() < 500) c.clientErrors.increment();
        if (r.status() >= 500) c.serverErrors.increment();
        c.byOperation.computeIfAbsent(r.operation(), op -> new LongAdder()).increment();
        c.bytesIn.add(r.bytesIn());
        c.bytesOut.add(r.bytesOut());
        c.latency.add(r.latencyNanos());
        c.latencyMax.accumulate(r.latencyNanos());
        c.histogram[LatencyHistogram.bucket(r.latencyNanos())].increment();
        if (r.bytesIn() >= UsageMinute.THROUGHPUT_MIN_BYTES) {
            c.uploadBytes.add(r.bytesIn());
            c.uploadNanos.add(r.latencyNanos());
        }
        if (r.bytesOut() >= UsageMinute.THROUGHPUT_MIN_BYTES) {
            c.downloadBytes.add(r.bytesOut());
            c.downloadNanos.add(r.latencyNanos());
        }
    }

    @Override
    public List<UsageMinute> drainClosed(Instant now) {
        Instant current = now.truncatedTo(ChronoUnit.MINUTES);
        List<UsageMinute> out = new ArrayList<>();
        for (Map.Entry<Key, Counters> e : minutes.entrySet()) {
            if (!e.getKey().minute().isBefore(current)) continue;
            Counters c = e.getValue();
            c.closed = true;
            if (!minutes.remove(e.getKey(), c)) continue;
            // the counters of one request are added one after the other: wait until the ones in flight are complete
            while (c.writers.get() > 0) Thread.onSpinWait();
            out.add(toMinute(e.getKey(), c));
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
        Map<String, Long> byOperation = new java.util.HashMap<>();
        c.byOperation.forEach((op, n) -> byOperation.put(op, n.sum()));
        List<Long> histogram = new ArrayList<>(c.histogram.length);
        for (LongAdder bucket : c.histogram) histogram.add(bucket.sum());
        return new UsageMinute(k.accessKey(), c.agreementId, k.minute(), c.requests.sum(), c.clientErrors.sum(), c.serverErrors.sum(),
                byOperation, c.bytesIn.sum(), c.bytesOut.sum(), c.latency.sum(), c.latencyMax.get(), histogram, c.uploadBytes.sum(),
                c.uploadNanos.sum(), c.downloadBytes.sum(), c.downloadNanos.sum());
    }
}
