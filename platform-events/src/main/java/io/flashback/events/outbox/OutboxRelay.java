package io.flashback.events.outbox;

import io.flashback.events.EventEnvelope;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends committed outbox rows to Kafka in order and marks them published once the broker has
 * acknowledged them. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so several instances
 * of a service can relay side by side without sending a row twice at the same time. A row whose
 * send fails stays unpublished and is retried; Kafka may therefore see an event more than once
 * (after a crash between send and mark), which consumers absorb by event id.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private record Row(long sequence, String topic, String key, String payload) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final KafkaTemplate<String, String> kafka;
    private final OutboxSettings settings;
    private final Clock clock;
    private final Counter published;
    private final Counter failures;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private ScheduledExecutorService executor;

    public OutboxRelay(JdbcTemplate jdbc, TransactionTemplate transactions, KafkaTemplate<String, String> kafka,
                       OutboxSettings settings, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.kafka = kafka;
        this.settings = settings;
        this.clock = clock;
        this.published = Counter.builder("flashback.outbox.published").description("events sent to Kafka").register(meters);
        this.failures = Counter.builder("flashback.outbox.failures").description("failed relay attempts").register(meters);
        Gauge.builder("flashback.outbox.pending", this, OutboxRelay::pending).description("events waiting to be sent").register(meters);
    }

    /** Asks for a relay run soon (after a commit that wrote events). */
    public void wakeUp() {
        if (running.get() && scheduled.compareAndSet(false, true)) {
            executor.execute(this::runOnce);
        }
    }

    private void runOnce() {
        scheduled.set(false);
        try {
            while (running.get() && relayBatch() == settings.batchSize()) {
                // a full batch means more may be waiting: keep going
            }
        } catch (RuntimeException e) {
            failures.increment();
            log.warn("outbox relay failed, retrying in {}: {}", settings.pollInterval(), e.getMessage());
        }
    }

    /** Relays one batch; returns how many rows it published. */
    int relayBatch() {
        Integer count = transactions.execute(status -> {
            List<Row> rows = jdbc.query("select sequence, topic, message_key, payload from outbox_event "
                            + "where published_at is null order by sequence limit ? for update skip locked",
                    (rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)),
                    settings.batchSize());
            if (rows.isEmpty()) {
                return 0;
            }
            List<CompletableFuture<SendResult<String, String>>> sends = new ArrayList<>(rows.size());
            for (Row row : rows) {
                ProducerRecord<String, String> record = new ProducerRecord<>(row.topic(), row.key(), row.payload());
                record.headers().add("content-type", EventEnvelope.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
                sends.add(kafka.send(record));
            }
            List<Long> done = new ArrayList<>(rows.size());
            String error = null;
            for (int i = 0; i < rows.size(); i++) {
                try {
                    sends.get(i).get(settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
                    done.add(rows.get(i).sequence());
                } catch (Exception e) {
                    error = e.getMessage();
                    break;
                }
            }
            Timestamp now = Timestamp.from(clock.instant());
            jdbc.batchUpdate("update outbox_event set published_at = ?, attempts = attempts + 1 where sequence = ?",
                    done.stream().map(sequence -> new Object[] {now, sequence}).toList());
            if (error != null) {
                jdbc.update("update outbox_event set attempts = attempts + 1, last_error = ? where sequence = ?",
                        error, rows.get(done.size()).sequence());
                throw new IllegalStateException("Kafka did not acknowledge event #" + rows.get(done.size()).sequence() + ": " + error);
            }
            return done.size();
        });
        int relayed = count == null ? 0 : count;
        published.increment(relayed);
        return relayed;
    }

    private double pending() {
        try {
            Long rows = jdbc.queryForObject("select count(*) from outbox_event where published_at is null", Long.class);
            return rows == null ? 0 : rows;
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    @Override
    public void start() {
        if (running.compareAndSet(false, true)) {
            executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "outbox-relay");
                thread.setDaemon(true);
                return thread;
            });
            long period = settings.pollInterval().toMillis();
            executor.scheduleWithFixedDelay(this::runOnce, 0, period, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void stop() {
        if (running.compareAndSet(true, false)) {
            executor.shutdown();
            try {
                executor.awaitTermination(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running.get();
    }
}
