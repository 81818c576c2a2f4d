package io.flashback.oracle.ingest;

import io.flashback.events.EventCodec;
import io.flashback.events.IntegrationEvent;
import io.flashback.events.Topics;
import io.flashback.events.orchestrator.AgreementActivated;
import io.flashback.events.registry.NodeActivated;
import io.flashback.events.registry.NodeClaimed;
import io.flashback.infra.kafka.KafkaBroker;
import io.flashback.infra.kafka.KafkaCredentials;
import io.flashback.infra.postgres.EmbeddedPostgresServer;
import io.flashback.infra.process.ChildProcess;
import io.flashback.infra.process.Ports;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.web3j.crypto.ECKeyPair;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The metric pipeline on one machine (ARCHITECTURE.md §7: ≥ 50 000 samples/s node batch → SLA-ready, p99 ≤ 1 s):
 * embedded PostgreSQL, a Kafka broker and oracle-service from its jar, each in its own process; nodes and agreements
 * made known through registry and orchestrator events on Kafka, as in production; then signed batches of
 * {@code samples-per-batch} samples posted to {@code POST /ingest/batches} at increasing offered rates, open loop
 * (each batch's lag counts from when it was due, so a slow server cannot hide its queue). A 200 means the samples are
 * committed in {@code node_sample}, where the SLA evaluation reads them: the lag to that answer is "ingest → SLA-ready";
 * the outbox's publish times give "→ on {@code flashback.metrics.v1}". Batches are signed before each step, so the
 * client's cost during a step is sending only. Not part of {@code verify}: {@code benchmarks/metric-pipeline.sh}.
 */
public final class MetricPipelineBenchmark {

    private static final int NODES = 20;
    private static final int AGREEMENTS_PER_NODE = 100;
    /** × 100 agreements: 500 samples a batch, or {@code BATCH_SAMPLES} (a multiple of 100, at most 1 000) from the environment. */
    private static final int MINUTES_PER_BATCH = Integer.parseInt(System.getenv().getOrDefault("BATCH_SAMPLES", "500")) / AGREEMENTS_PER_NODE;
    private static final String PROVIDER = "0x70997970c51812dc3a010c7d01b50e20d4dc79c8";

    record Node(UUID id, ECKeyPair key, List<UUID> agreements, AtomicLong sequence) {
    }

    record Step(double offered, double achieved, long stored, long batches, long failed, long[] lagsNanos, double kafkaP99Ms, double kafkaMaxMs,
                Cpu cpu) {

        /** Samples a second two cores would store if they ran only the pipeline (oracle, PostgreSQL, Kafka). */
        double projectedOnTwoCores() {
            double serverSeconds = cpu.oracle() + cpu.postgres() + cpu.kafka();
            return serverSeconds == 0 ? 0 : 2 * stored / serverSeconds;
        }
    }

    /** CPU seconds each part used during a step (utime + stime from /proc, PostgreSQL's backends included). */
    record Cpu(double oracle, double postgres, double kafka, double harness) {

        Cpu minus(Cpu before) {
            return new Cpu(oracle - before.oracle, postgres - before.postgres, kafka - before.kafka, harness - before.harness);
        }
    }

    /** The processes whose CPU time is accounted. */
    record Processes(ProcessHandle oracle, ProcessHandle postmaster, ProcessHandle kafka) {

        Cpu cpu() {
            return new Cpu(seconds(oracle), seconds(postmaster) + postmaster.descendants().mapToDouble(MetricPipelineBenchmark::seconds).sum(),
                    seconds(kafka), seconds(ProcessHandle.current()));
        }
    }

    static double seconds(ProcessHandle process) {
        return process.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
    }

    public static void main(String[] args) throws Exception {
        // the embedded infrastructure's chatter would bury the figures
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(ch.qos.logback.classic.Level.WARN);
        Path jar = Path.of(args.length > 0 ? args[0] : "oracle-service/target/oracle-service.jar").toAbsolutePath();
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        List<Integer> rates = args.length > 2 ? Arrays.stream(args, 2, args.length).map(Integer::valueOf).toList()
                : List.of(10_000, 25_000, 50_000, 75_000, 100_000);
        Path directory = Files.createTempDirectory("flashback-metric-bench-");
        int port = Ports.free();
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(directory.resolve("pg"), 0);
             KafkaBroker kafka = KafkaBroker.start(directory.resolve("kafka"), 0, 3, KafkaCredentials.generate())) {
            postgres.createDatabaseIfMissing("oracle");
            String jdbcUrl = postgres.jdbcUrl("oracle");
            List<String> command = new ArrayList<>(List.of(ChildProcess.currentJava(), "-Xmx1g"));
            // e.g. ORACLE_JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/oracle.jfr" to profile the service under load
            String extra = System.getenv("ORACLE_JAVA_OPTS");
            if (extra != null && !extra.isBlank()) {
                command.addAll(Arrays.asList(extra.trim().split("\\s+")));
            }
            command.addAll(List.of("-jar", jar.toString()));
            try (ChildProcess oracle = ChildProcess.start("oracle-service", command,
                    Map.of("SPRING_DATASOURCE_URL", jdbcUrl, "SPRING_DATASOURCE_USERNAME", EmbeddedPostgresServer.USER, "SPRING_DATASOURCE_PASSWORD", "",
                            "SPRING_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(), "SPRING_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                            "FLASHBACK_KAFKA_USERNAME", "oracle-service", "FLASHBACK_KAFKA_PASSWORD", kafka.credentials().password("oracle-service"),
                            "SERVER_PORT", Integer.toString(port),
                            "FLASHBACK_SECURITY_JWKS_URI", "http://127.0.0.1:1/unused", "FLASHBACK_ORACLE_JOURNAL_DIRECTORY",
                            directory.resolve("journal").toString()),
                    directory, directory.resolve("oracle.log"))) {
                long started = System.nanoTime();
                Ports.await(() -> ready(port), Duration.ofSeconds(120), oracle, "oracle-service on port " + port);
                System.out.printf("oracle-service up in %.1f s (log %s)%n", (System.nanoTime() - started) / 1e9, oracle.logFile());
                PGSimpleDataSource dataSource = new PGSimpleDataSource();
                dataSource.setUrl(jdbcUrl);
                dataSource.setUser(EmbeddedPostgresServer.USER);
                JdbcTemplate jdbc = new JdbcTemplate(dataSource);
                Instant now = Instant.now();
                List<Node> nodes = seed(kafka, jdbc, now);
                Processes processes = processes(directory, oracle);
                Instant firstMinute = now.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofDays(6));
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
                URI ingest = URI.create("http://127.0.0.1:" + port + "/ingest/batches");

                System.out.println("warm-up: 5 000 samples/s for 10 s");
                run(http, ingest, jdbc, processes, nodes, firstMinute, 5_000, 10);
                List<Step> steps = new ArrayList<>();
                for (int rate : rates) {
                    Step step = run(http, ingest, jdbc, processes, nodes, firstMinute, rate, seconds);
                    steps.add(step);
                    print(step);
                    if (step.achieved() < 0.8 * step.offered()) {
                        System.out.println("  (stopping: the pipeline no longer keeps up with the offered rate)");
                        break;
                    }
                }
                report(steps, jdbc);
            }
        } finally {
            try (var files = Files.walk(directory)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static boolean ready(int port) {
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    /** A producer of the broker's super user: the seed plays both the registry and the orchestrator (ADR 0008). */
    private static Map<String, Object> seeding(KafkaBroker kafka) {
        Map<String, Object> properties = new java.util.HashMap<>(kafka.adminProperties());
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return properties;
    }

    /** Nodes claimed and active, agreements activated — told to the oracle the way the registry and the orchestrator do. */
    private static List<Node> seed(KafkaBroker kafka, JdbcTemplate jdbc, Instant now) throws Exception {
        EventCodec codec = new EventCodec();
        List<Node> nodes = new ArrayList<>();
        long escrowId = 1;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(seeding(kafka), new StringSerializer(), new StringSerializer())) {
            for (int n = 0; n < NODES; n++) {
                Node node = new Node(UUID.randomUUID(), IngestFixtures.newKey(), new ArrayList<>(), new AtomicLong());
                send(producer, codec, Topics.REGISTRY, new NodeClaimed(UUID.randomUUID(), now.minus(Duration.ofDays(8)), node.id(),
                        IngestFixtures.address(node.key()), PROVIDER));
                send(producer, codec, Topics.REGISTRY, new NodeActivated(UUID.randomUUID(), now.minus(Duration.ofDays(8)), node.id(), PROVIDER,
                        new BigDecimal("1000000000000000000000")));
                for (int a = 0; a < AGREEMENTS_PER_NODE; a++) {
                    UUID agreement = UUID.randomUUID();
                    node.agreements().add(agreement);
                    send(producer, codec, Topics.ORCHESTRATOR, new AgreementActivated(UUID.randomUUID(), now.minus(Duration.ofDays(8)), agreement,
                            "0xcf7ed3acca5a467e9e704c703e8d87f634fb0fc9", BigInteger.valueOf(escrowId++).toString(), UUID.randomUUID(),
                            UUID.randomUUID(), UUID.randomUUID(), node.id().toString(), 1L << 30, 30, 1, 720, new BigDecimal("99.9"), 50, 10, 20,
                            100, new BigDecimal("99"), 3600, "99.9:10,99.0:25,95.0:100", "95.0", UUID.randomUUID(), "benchmark"));
                }
                nodes.add(node);
            }
            producer.flush();
        }
        long started = System.nanoTime();
        int expected = NODES * AGREEMENTS_PER_NODE;
        while (count(jdbc, "select count(*) from served_agreement") < expected
                || count(jdbc, "select count(*) from bound_node where active") < NODES) {
            if (System.nanoTime() - started > TimeUnit.MINUTES.toNanos(5)) {
                throw new IllegalStateException("the oracle did not take the seeded events within 5 minutes");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        }
        System.out.printf("%d nodes and %d agreements known to the oracle through Kafka in %.1f s%n", NODES, expected,
                (System.nanoTime() - started) / 1e9);
        return nodes;
    }

    private static void send(KafkaProducer<String, String> producer, EventCodec codec, String topic, IntegrationEvent event) {
        producer.send(new ProducerRecord<>(topic, event.aggregateId(), codec.encode(codec.envelope(event, "/flashback/benchmark"))));
    }

    private static long count(JdbcTemplate jdbc, String sql) {
        Long n = jdbc.queryForObject(sql, Long.class);
        return n == null ? 0 : n;
    }

    /** One step: {@code rate} samples/s offered for {@code seconds}, batches due at even intervals, sent whatever came back. */
    private static Processes processes(Path directory, ChildProcess oracle) throws Exception {
        Path pidFile;
        try (var files = Files.walk(directory.resolve("pg"))) {
            pidFile = files.filter(f -> f.getFileName().toString().equals("postmaster.pid")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no postmaster.pid under " + directory));
        }
        long postmaster = Long.parseLong(Files.readAllLines(pidFile).getFirst().strip());
        ProcessHandle kafka = ProcessHandle.current().descendants().filter(p -> commandLine(p).contains("kafka.Kafka")).findFirst()
                .orElseThrow(() -> new IllegalStateException("the Kafka broker process is not a child of this one"));
        return new Processes(ProcessHandle.of(oracle.pid()).orElseThrow(), ProcessHandle.of(postmaster).orElseThrow(), kafka);
    }

    /** /proc's command line: ProcessHandle.Info leaves out the arguments of a command line as long as Kafka's class path. */
    private static String commandLine(ProcessHandle process) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline")), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static Step run(HttpClient http, URI ingest, JdbcTemplate jdbc, Processes processes, List<Node> nodes, Instant firstMinute,
                            int rate, int seconds) throws Exception {
        int samplesPerBatch = AGREEMENTS_PER_NODE * MINUTES_PER_BATCH;
        int batches = Math.max(1, (int) ((long) rate * seconds / samplesPerBatch));
        List<byte[]> bodies = new ArrayList<>(batches);
        Instant createdAt = Instant.now();
        for (int i = 0; i < batches; i++) {
            Node node = nodes.get(i % nodes.size());
            long sequence = node.sequence().incrementAndGet();
            Instant minute = firstMinute.plus(Duration.ofMinutes((sequence - 1) * MINUTES_PER_BATCH));
            List<UsageSample> samples = new ArrayList<>(samplesPerBatch);
            for (int m = 0; m < MINUTES_PER_BATCH; m++) {
                for (UUID agreement : node.agreements()) {
                    samples.add(IngestFixtures.sample(agreement.toString(), minute.plus(Duration.ofMinutes(m))));
                }
            }
            bodies.add(IngestFixtures.json(IngestFixtures.signed(node.id(), node.key(), sequence, createdAt, samples)));
        }
        long storedBefore = count(jdbc, "select count(*) from node_sample");
        long outboxFrom = count(jdbc, "select coalesce(max(sequence), 0) from outbox_event");
        long[] lags = new long[batches];
        AtomicLong failed = new AtomicLong();
        AtomicLong lastDone = new AtomicLong();
        long intervalNanos = (long) (1e9 * samplesPerBatch / rate);
        Cpu cpuBefore = processes.cpu();
        long start = System.nanoTime();
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < batches; i++) {
                long due = start + i * intervalNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                int index = i;
                senders.execute(() -> {
                    try {
                        HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(ingest).timeout(Duration.ofSeconds(60))
                                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(index))).build(),
                                HttpResponse.BodyHandlers.discarding());
                        if (answer.statusCode() != 200) {
                            failed.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                    long done = System.nanoTime();
                    lags[index] = done - due;
                    lastDone.accumulateAndGet(done, Math::max);
                });
            }
        }
        double elapsed = (lastDone.get() - start) / 1e9;
        long stored = count(jdbc, "select count(*) from node_sample") - storedBefore;
        // the relay publishes after the commit: wait until this step's events are on Kafka before reading their times
        long waitStarted = System.nanoTime();
        while (count(jdbc, "select count(*) from outbox_event where sequence > " + outboxFrom + " and published_at is null") > 0
                && System.nanoTime() - waitStarted < TimeUnit.SECONDS.toNanos(60)) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
        Map<String, Object> kafka = jdbc.queryForMap("""
                select coalesce(percentile_cont(0.99) within group (order by extract(epoch from published_at - created_at)), 0) * 1000 as p99,
                       coalesce(max(extract(epoch from published_at - created_at)), 0) * 1000 as max
                from outbox_event where sequence > ? and published_at is not null""", outboxFrom);
        Cpu cpu = processes.cpu().minus(cpuBefore);
        Arrays.sort(lags);
        return new Step(rate, stored / elapsed, stored, batches, failed.get(), lags, ((Number) kafka.get("p99")).doubleValue(),
                ((Number) kafka.get("max")).doubleValue(), cpu);
    }

    private static void print(Step step) {
        System.out.printf("offered %,7.0f samples/s: stored %,8.0f samples/s, %4d batches (%d failed), lag to stored p50 %6.0f ms "
                        + "p99 %6.0f ms max %6.0f ms; stored → on Kafka p99 %5.0f ms max %5.0f ms%n", step.offered(), step.achieved(), step.batches(),
                step.failed(), ms(step.lagsNanos(), 0.50), ms(step.lagsNanos(), 0.99), step.lagsNanos()[step.lagsNanos().length - 1] / 1e6,
                step.kafkaP99Ms(), step.kafkaMaxMs());
        double perThousand = 1_000.0 / Math.max(1, step.stored());
        System.out.printf("    CPU per 1 000 samples: oracle %.1f ms, PostgreSQL %.1f ms, Kafka %.1f ms (load generator %.1f ms) "
                        + "→ %,.0f samples/s if two cores ran only the pipeline; machine load average %.1f%n", step.cpu().oracle() * perThousand * 1e3,
                step.cpu().postgres() * perThousand * 1e3, step.cpu().kafka() * perThousand * 1e3, step.cpu().harness() * perThousand * 1e3,
                step.projectedOnTwoCores(), java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static void report(List<Step> steps, JdbcTemplate jdbc) {
        Step best = null;
        for (Step step : steps) {
            if (step.failed() == 0 && ms(step.lagsNanos(), 0.99) <= 1_000 && (best == null || step.achieved() > best.achieved())) {
                best = step;
            }
        }
        System.out.printf("%n%d cores; node_sample holds %,d rows%n", Runtime.getRuntime().availableProcessors(),
                count(jdbc, "select count(*) from node_sample"));
        if (best == null) {
            System.out.println("no step met p99 ≤ 1 s without failures");
            return;
        }
        System.out.printf("best step with p99 ≤ 1 s: %,.0f samples/s stored (target 50 000: ratio %.2f), p99 lag to stored %.0f ms "
                + "(target 1 000 ms: ratio %.2f)%n", best.achieved(), best.achieved() / 50_000, ms(best.lagsNanos(), 0.99),
                ms(best.lagsNanos(), 0.99) / 1_000);
        double projected = steps.stream().mapToDouble(Step::projectedOnTwoCores).max().orElse(0);
        System.out.printf("CPU-bound estimate for two cores running only the pipeline: %,.0f samples/s (ratio %.2f to the target)%n",
                projected, projected / 50_000);
    }

    private static double ms(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(p * sorted.length) - 1))] / 1e6;
    }

    private MetricPipelineBenchmark() {
    }
}
