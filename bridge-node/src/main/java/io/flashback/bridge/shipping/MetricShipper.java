package io.flashback.bridge.shipping;

import io.flashback.bridge.grants.Grants;
import io.flashback.bridge.metering.UsageAggregates;
import io.flashback.bridge.metering.UsageMinute;
import io.flashback.bridge.platform.NodeKey;
import io.flashback.bridge.platform.PlatformClient;
import io.flashback.bridge.platform.PlatformException;
import io.flashback.bridge.platform.Registration;
import io.flashback.bridge.storage.ObjectStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue #7, the node's side: every interval the closed minutes of grants that serve a platform agreement become
 * samples (one per agreement and minute), numbered and signed batches in the {@link MetricSpool}, and the spool is sent
 * to the oracle through the gateway, oldest first, one batch at a time.
 * <ul>
 * <li>2xx, or 409 with {@code "duplicate": true} (the oracle had it: our earlier answer was lost): acknowledged, deleted.</li>
 * <li>Platform unreachable, 5xx, 429, 404 (the oracle not deployed behind that gateway): an outage — the spool waits,
 *     attempts back off from one interval to {@code maxBackoff}, logged once per outage and once when it ends.</li>
 * <li>403 (node not bound or not active yet) and 422 (an agreement the oracle does not know this node serves yet): the
 *     platform's view may still catch up, so the batch is retried like an outage until it is {@code rejectGrace} old,
 *     then moved to {@code rejected/}.</li>
 * <li>409 naming the oracle's last sequence number: our counter was behind; the batch is signed again under a new
 *     number.</li>
 * <li>Any other refusal (400, 401, 413): sending it again cannot help; moved to {@code rejected/} and logged.</li>
 * </ul>
 * Minutes are taken {@code closeDelay} after they end, so requests finishing at the boundary are in. On close the minute
 * in progress is spooled too, so a restart loses nothing that was served.
 */
public final class MetricShipper implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MetricShipper.class);

    /**
     * @param interval        between two rounds of batching and sending (also the first backoff)
     * @param closeDelay      how long after its end a minute is taken
     * @param samplesPerBatch samples per batch at most
     * @param maxBackoff      longest wait between attempts while the platform is away
     * @param rejectGrace     how long a batch refused with 403 / 422 is tried again before it is given up
     */
    public record Settings(Duration interval, Duration closeDelay, int samplesPerBatch, Duration maxBackoff, Duration rejectGrace) {
        public Settings {
            if (interval.toMillis() < 10 || samplesPerBatch < 1) throw new IllegalArgumentException("bad metric shipping settings");
        }

        static Settings of(ShippingOptions options) {
            return new Settings(options.interval(), Duration.ofSeconds(5), options.samplesPerBatch(), Duration.ofMinutes(5), Duration.ofMinutes(15));
        }
    }

    private final PlatformClient client;
    private final NodeKey key;
    private final Supplier<Optional<UUID>> nodeId;
    private final UsageAggregates usage;
    private final ToLongFunction<String> storedBytes;
    private final MetricSpool spool;
    private final Clock clock;
    private final Settings settings;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "bridge-node-metrics");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Counter> sent = new HashMap<>();
    private final Counter unregistered;

    private ScheduledFuture<?> task;
    private Instant nextAttempt = Instant.MIN;
    private Duration backoff;
    private Instant failingSince;
    private boolean warnedUnregistered;

    public MetricShipper(PlatformClient client, NodeKey key, Supplier<Optional<UUID>> nodeId, UsageAggregates usage,
                         ToLongFunction<String> storedBytes, MetricSpool spool, MeterRegistry registry, Clock clock, Settings settings) {
        this.client = client;
        this.key = key;
        this.nodeId = nodeId;
        this.usage = usage;
        this.storedBytes = storedBytes;
        this.spool = spool;
        this.clock = clock;
        this.settings = settings;
        this.backoff = settings.interval();
        for (String outcome : List.of("accepted", "duplicate", "renumbered", "rejected")) {
            sent.put(outcome, Counter.builder("flashback.bridge.metrics.batches.sent").tag("outcome", outcome)
                    .description("Metric batches the oracle answered, by what the answer meant").register(registry));
        }
        unregistered = Counter.builder("flashback.bridge.metrics.samples.unregistered")
                .description("Samples of agreement usage dropped because the node had no platform registration").register(registry);
        Gauge.builder("flashback.bridge.metrics.delivery.failing", this, s -> s.failingSince == null ? 0 : 1)
                .description("1 while metric batches cannot be delivered (platform unreachable or refusing for now)").register(registry);
    }

    /**
     * Shipping for {@code serve}: with {@code platformUrl}, batches signed with the node key in {@code DATA_DIR/metrics-spool},
     * once the node has announced itself (its registration names its id); without, the closed minutes are only
     * dropped (a standalone node has no agreements to report, and nothing else takes them from memory). Returns what
     * stops it (and spools the minute in progress).
     */
    public static Runnable start(ShippingOptions options, URI platformUrl, Path dataDir, UsageAggregates usage, Grants grants,
                                      ObjectStore store, MeterRegistry registry) {
        Clock clock = Clock.systemUTC();
        if (platformUrl == null) {
            ScheduledExecutorService dropper = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "bridge-node-usage");
                thread.setDaemon(true);
                return thread;
            });
            dropper.scheduleWithFixedDelay(() -> usage.drainClosed(clock.instant().minusSeconds(5)), 1, 60, TimeUnit.SECONDS);
            return dropper::shutdownNow;
        }
        MetricSpool spool = MetricSpool.open(dataDir.resolve("metrics-spool"), options.spool(), registry);
        Supplier<Optional<UUID>> nodeId = new Supplier<>() {
            private volatile UUID known;

            @Override
            public Optional<UUID> get() {
                if (known == null) {
                    try {
                        Registration.read(dataDir).ifPresent(r -> known = r.nodeId());
                    } catch (RuntimeException e) {
                        log.debug("no readable registration yet: {}", e.getMessage());
                    }
                }
                return Optional.ofNullable(known);
            }
        };
        return new MetricShipper(new PlatformClient(platformUrl), NodeKey.loadOrCreate(dataDir), nodeId, usage, new StoredBytes(grants, store),
                spool, registry, clock, Settings.of(options)).start()::close;
    }

    public synchronized MetricShipper start() {
        long every = settings.interval().toMillis();
        task = scheduler.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
        return this;
    }

    private void tick() {
        try {
            Instant now = clock.instant();
            collect(now.minus(settings.closeDelay()));
            deliver(now);
        } catch (RuntimeException e) {
            // a scheduled task that throws is never run again: one bad round must not end the shipping
            log.warn("metric shipping round failed: {}", e.toString());
        }
    }

    /** Turns the minutes closed before {@code closedBefore} into signed, spooled batches; returns the batches spooled. */
    public synchronized int collect(Instant closedBefore) {
        Map<String, List<UsageMinute>> byAgreementMinute = new LinkedHashMap<>();
        for (UsageMinute minute : usage.drainClosed(closedBefore)) {
            if (minute.agreementId() == null) continue;        // a local grant's usage is nobody's business but the provider's
            byAgreementMinute.computeIfAbsent(minute.agreementId() + "@" + minute.minute(), k -> new ArrayList<>()).add(minute);
        }
        if (byAgreementMinute.isEmpty()) return 0;
        Optional<UUID> node = nodeId.get();
        if (node.isEmpty()) {
            unregistered.increment(byAgreementMinute.size());
            if (!warnedUnregistered) {
                log.warn("usage of platform agreements but no platform registration in the data directory yet: {} samples not shipped",
                        byAgreementMinute.size());
                warnedUnregistered = true;
            }
            return 0;
        }
        Map<String, Long> stored = new HashMap<>();
        List<UsageSample> samples = new ArrayList<>(byAgreementMinute.size());
        for (List<UsageMinute> minutes : byAgreementMinute.values()) {
            String agreement = minutes.getFirst().agreementId();
            long bytes = stored.computeIfAbsent(agreement, storedBytes::applyAsLong);
            samples.add(UsageSample.of(agreement, minutes.getFirst().minute(), minutes, bytes));
        }
        samples.sort(Comparator.comparing(UsageSample::minute).thenComparing(UsageSample::agreementId));
        Instant createdAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        int spooled = 0;
        for (int from = 0; from < samples.size(); from += settings.samplesPerBatch()) {
            List<UsageSample> chunk = samples.subList(from, Math.min(samples.size(), from + settings.samplesPerBatch()));
            long sequence = spool.nextSequence();
            MetricBatch batch = sign(new MetricBatch(node.get(), key.address(), sequence, createdAt, chunk, null));
            if (spool.append(sequence, BatchJson.write(batch), chunk.size())) spooled++;
        }
        return spooled;
    }

    /** Sends what the spool holds, oldest first, until it is empty or the platform cannot take more for now. */
    public synchronized void deliver(Instant now) {
        if (now.isBefore(nextAttempt)) return;
        for (MetricSpool.Entry entry : spool.pending()) {
            PlatformClient.BatchAnswer answer;
            try {
                answer = client.postMetricBatch(spool.read(entry));
            } catch (PlatformException unreachable) {
                failing(now, unreachable.getMessage());
                return;
            }
            int status = answer.status();
            if (status / 100 == 2) {
                acknowledged(entry, "accepted");
            } else if (status == 409 && answer.body().path("duplicate").asBoolean(false)) {
                acknowledged(entry, "duplicate");
            } else if (status == 409 && answer.body().path("lastSequence").isNumber()) {
                renumber(entry, answer.body().path("lastSequence").asLong());
            } else if (status >= 500 || status == 429 || status == 404 || status == 408) {
                failing(now, answer.reason());
                return;
            } else if ((status == 403 || status == 422) && !pastGrace(entry, now)) {
                failing(now, "batch " + entry.sequence() + " refused for now (HTTP " + status + "): " + answer.reason());
                return;
            } else {
                log.error("metric batch {} refused by the oracle (HTTP {}): {} — moved to {}/rejected, not sent again", entry.sequence(), status,
                        answer.reason(), spool.directory());
                spool.reject(entry);
                sent.get("rejected").increment();
            }
        }
        if (failingSince != null) {
            log.info("metric batches delivered again after {} s; the spool is empty", Duration.between(failingSince, now).toSeconds());
        }
        failingSince = null;
        backoff = settings.interval();
        nextAttempt = Instant.MIN;
    }

    private void acknowledged(MetricSpool.Entry entry, String outcome) {
        spool.acknowledge(entry);
        sent.get(outcome).increment();
    }

    private void renumber(MetricSpool.Entry entry, long oraclesLast) {
        MetricBatch old = BatchJson.read(spool.read(entry));
        spool.skipPast(oraclesLast);
        long sequence = spool.nextSequence();
        MetricBatch again = sign(new MetricBatch(old.nodeId(), key.address(), sequence, old.createdAt(), old.samples(), null));
        spool.renumber(entry, sequence, BatchJson.write(again));
        sent.get("renumbered").increment();
        log.warn("the oracle knows batch number {} of this node from another batch (its last is {}): this node's counter was behind; "
                + "the batch is sent again as {}", entry.sequence(), oraclesLast, sequence);
    }

    private boolean pastGrace(MetricSpool.Entry entry, Instant now) {
        try {
            return BatchJson.read(spool.read(entry)).createdAt().plus(settings.rejectGrace()).isBefore(now);
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    /** Waits before the next attempt, longer each time; says so once per outage. */
    private void failing(Instant now, String why) {
        if (failingSince == null) {
            failingSince = now;
            log.warn("metric batches not delivered: {}; {} batches wait in the spool, retrying with backoff (logged once until delivered)",
                    why, spool.size());
        } else {
            log.debug("metric batches still not delivered: {}", why);
        }
        nextAttempt = now.plus(backoff);
        Duration doubled = backoff.multipliedBy(2);
        backoff = doubled.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : doubled;
    }

    private MetricBatch sign(MetricBatch unsigned) {
        return unsigned.signedWith(key.signText(BatchText.of(unsigned)));
    }

    public MetricSpool spool() {
        return spool;
    }

    /** Stops the rounds and spools everything still in memory, the minute in progress included (not sent now). */
    @Override
    public void close() {
        synchronized (this) {
            if (task != null) task.cancel(false);
        }
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) scheduler.shutdownNow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            int batches = collect(clock.instant().plus(Duration.ofMinutes(1)));
            if (batches > 0) log.info("spooled {} metric batches of the last minutes at shutdown", batches);
        } catch (RuntimeException e) {
            log.warn("usage of the last minutes not spooled at shutdown: {}", e.toString());
        }
    }
}
