package io.flashback.bridge.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One run, four targets: the bridge node (filesystem backend, its own JVM from bridge-node.jar), the same disk used
 * directly (write + fsync, read back), the same disk behind plain loopback HTTP (ARCHITECTURE.md §7's baseline for
 * large objects), and Adobe S3Mock (the node and S3Mock through the same AWS SDK client).
 * Prints a table with ratios. Run by benchmarks/bridge-node/run.sh; not part of the test suite.
 *
 * <p>args: bridge-node.jar s3mock.jar workDir [seconds-per-cell] [repeats]. With
 * {@code -Dbench.s3mock=false} S3Mock is skipped (quicker repeated runs of disk vs node); with
 * repeats &gt; 1 the disk and the node are measured that many times, alternating, and the
 * table shows the median with the range.
 */
public final class BridgeNodeBenchmark {
    private static final String AK = "BENCHACCESSKEY";
    private static final String SK = "bench-secret-key";
    private static final int LARGE = 64 * 1024 * 1024;
    private static final int LARGE_COUNT = 6;
    private static final int[] SMALL = {4 * 1024, 64 * 1024};
    private static final int[] CONCURRENCY = {1, 16, 64};

    interface Target extends AutoCloseable {
        String name();

        void put(String key, byte[] data) throws Exception;

        /** Reads the whole object, returns its size. */
        long get(String key) throws Exception;

        @Override
        default void close() throws Exception {}
    }

    public static void main(String[] args) throws Exception {
        Path nodeJar = Path.of(args[0]);
        Path s3mockJar = Path.of(args[1]);
        Path work = Path.of(args[2]);
        double seconds = args.length > 3 ? Double.parseDouble(args[3]) : 4;
        int repeats = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        Files.createDirectories(work);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        Map<String, Map<String, Double>> results = new LinkedHashMap<>();
        List<Map<String, Double>> disks = new ArrayList<>();
        List<Map<String, Double>> loopbacks = new ArrayList<>();
        List<Map<String, Double>> nodes = new ArrayList<>();
        List<Map<String, Double>> presigned = new ArrayList<>();
        for (int round = 0; round < repeats; round++) {
            Path dirs = work.resolve("round-" + round);
            try (Target disk = new DirectDisk(dirs.resolve("direct"))) {
                disks.add(run(disk, seconds));
            }
            try (Target loopback = new DiskOverLoopback(dirs.resolve("loopback"))) {
                loopbacks.add(run(loopback, seconds));
            }
            Process node = new ProcessBuilder(java, "-jar", nodeJar.toString(), "serve", "--bind", "127.0.0.1", "--port", "19000",
                    "--management-port", "19001", "--data-dir", dirs.resolve("node").toString(), "--grant", AK + ":" + SK + ":1TiB:bench")
                    .redirectErrorStream(true).redirectOutput(work.resolve("node.log").toFile()).start();
            try {
                try (Target t = new S3Target("bridge node", "http://127.0.0.1:19000", 19000)) {
                    nodes.add(run(t, seconds));
                }
                try (Target t = new PresignedTarget("http://127.0.0.1:19000")) {
                    presigned.add(runLarge(t));
                }
            } finally {
                node.destroy();
                node.waitFor(20, TimeUnit.SECONDS);
            }
        }
        results.put("direct disk", median(disks));
        results.put("disk over loopback", median(loopbacks));
        results.put("bridge node", median(nodes));
        if (repeats > 1) printRuns(disks, nodes);
        printSameClient(median(loopbacks), median(presigned));
        if (!Boolean.parseBoolean(System.getProperty("bench.s3mock", "true"))) {
            print(results);
            return;
        }
        Process mock = new ProcessBuilder(java, "-jar", s3mockJar.toString(), "--http.port=19090", "--server.port=19191",
                "--com.adobe.testing.s3mock.store.root=" + work.resolve("s3mock"))
                .redirectErrorStream(true).redirectOutput(work.resolve("s3mock.log").toFile()).start();
        try (Target t = new S3Target("S3Mock", "http://127.0.0.1:19090", 19090)) {
            results.put("S3Mock 5.2.0", run(t, seconds));
        } finally {
            mock.destroy();
            mock.waitFor(20, TimeUnit.SECONDS);
        }
        print(results);
        listingOfAMillionKeys();
    }

    /** In-process: one 1000-key page (with and without a delimiter) from the index of a million-key bucket. */
    static void listingOfAMillionKeys() {
        io.flashback.bridge.storage.KeyIndex index = new io.flashback.bridge.storage.KeyIndex();
        java.time.Instant t = java.time.Instant.now();
        for (int d = 0; d < 1000; d++) {
            for (int i = 0; i < 1000; i++) index.put(new io.flashback.bridge.storage.ObjectSummary("logs/day-%04d/entry-%04d".formatted(d, i), 1, "e", t));
        }
        Random r = new Random(3);
        long flat = 0;
        long rolled = 0;
        int rounds = 2000;
        for (int i = 0; i < rounds; i++) {
            String after = "logs/day-%04d/entry-%04d".formatted(r.nextInt(1000), r.nextInt(1000));
            long s0 = System.nanoTime();
            index.list(new io.flashback.bridge.storage.ListQuery("logs/", null, after, 1000));
            long s1 = System.nanoTime();
            index.list(new io.flashback.bridge.storage.ListQuery("logs/", "/", "logs/day-%04d/".formatted(r.nextInt(1000)), 1000));
            flat += s1 - s0;
            rolled += System.nanoTime() - s1;
        }
        System.out.printf(Locale.ROOT, "%nListing a 1 000 000-key bucket (in-process index): 1000-key page %.2f ms, "
                + "1000 common prefixes (delimiter '/') %.2f ms%n", flat / 1e6 / rounds, rolled / 1e6 / rounds);
    }

    static Map<String, Double> run(Target t, double seconds) throws Exception {
        Map<String, Double> r = runLarge(t);
        runSmall(t, seconds, r);
        return r;
    }

    /** 64 MiB PUT and GET throughput, one at a time. */
    static Map<String, Double> runLarge(Target t) throws Exception {
        System.err.println("== " + t.name());
        Map<String, Double> r = new LinkedHashMap<>();
        byte[] large = new byte[LARGE];
        new Random(1).nextBytes(large);
        t.put("warmup", large);
        t.get("warmup");
        long start = System.nanoTime();
        for (int i = 0; i < LARGE_COUNT; i++) t.put("large-" + i, large);
        r.put("PUT 64 MiB, c=1 (MiB/s)", LARGE_COUNT * 64.0 / ((System.nanoTime() - start) / 1e9));
        start = System.nanoTime();
        for (int i = 0; i < LARGE_COUNT; i++) t.get("large-" + i);
        r.put("GET 64 MiB, c=1 (MiB/s)", LARGE_COUNT * 64.0 / ((System.nanoTime() - start) / 1e9));
        System.err.println("   " + r);
        return r;
    }

    /** 4 KiB and 64 KiB PUT and GET operations per second at each concurrency. */
    static void runSmall(Target t, double seconds, Map<String, Double> r) throws Exception {
        // warm up the JIT on the small-object path before measuring it
        byte[] warm = new byte[4096];
        AtomicLong w = new AtomicLong();
        timed(16, Math.max(2, seconds), thread -> {
            String key = "s4096-warm-" + thread + "-" + w.incrementAndGet();
            t.put(key, warm);
            t.get(key);
        });
        for (int size : SMALL) {
            byte[] data = new byte[size];
            new Random(size).nextBytes(data);
            WRITTEN.remove("s" + size);
            for (int c : CONCURRENCY) {
                String label = (size / 1024) + " KiB, c=" + c;
                AtomicLong counter = new AtomicLong();
                double puts = timed(c, seconds, thread -> {
                    String key = "s" + size + "-" + thread + "-" + counter.incrementAndGet();
                    t.put(key, data);
                });
                r.put("PUT " + label + " (ops/s)", puts);
                double gets = timed(c, seconds, thread -> t.get(keyFor(size)));
                r.put("GET " + label + " (ops/s)", gets);
                System.err.printf(Locale.ROOT, "   %s: PUT %.0f ops/s, GET %.0f ops/s%n", label, puts, gets);
            }
        }
    }

    /** Keys written by the PUT phases, by size, so the GET phases read objects that exist. */
    private static final Map<String, List<String>> WRITTEN = new java.util.concurrent.ConcurrentHashMap<>();

    private static String keyFor(int size) {
        List<String> keys = WRITTEN.get("s" + size);
        return keys.get(ThreadLocalRandom.current().nextInt(keys.size()));
    }

    interface Op {
        void run(int thread) throws Exception;
    }

    static double timed(int threads, double seconds, Op op) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong ops = new AtomicLong();
        List<Future<?>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < threads; i++) {
            int thread = i;
            futures.add(pool.submit(() -> {
                while (!stop.get()) {
                    op.run(thread);
                    ops.incrementAndGet();
                }
                return null;
            }));
        }
        Thread.sleep((long) (seconds * 1000)); // a benchmark's measuring window, not a test wait
        stop.set(true);
        for (Future<?> f : futures) f.get();
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return ops.get() / elapsed;
    }

    static Map<String, Double> median(List<Map<String, Double>> runs) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String w : runs.get(0).keySet()) {
            double[] v = runs.stream().mapToDouble(r -> r.get(w)).sorted().toArray();
            out.put(w, v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2);
        }
        return out;
    }

    /** Every round: disk, node and the node/disk ratio of that round (the spread of a shared machine). */
    static void printRuns(List<Map<String, Double>> disks, List<Map<String, Double>> nodes) {
        for (String w : nodes.get(0).keySet()) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-28s", w));
            for (int i = 0; i < nodes.size(); i++) {
                line.append(String.format(Locale.ROOT, " | %9.1f %9.1f %4.0f%%", disks.get(i).get(w), nodes.get(i).get(w),
                        100 * nodes.get(i).get(w) / disks.get(i).get(w)));
            }
            System.out.println(line);
        }
        System.out.println();
    }

    /**
     * Large objects through the node and through the plain loopback server with the very same plain
     * HTTP client (presigned URLs for the node: UNSIGNED-PAYLOAD, as a browser or curl uploads): the
     * node's own cost, without the AWS SDK's client-side chunk signing that the main table includes.
     */
    static void printSameClient(Map<String, Double> loopback, Map<String, Double> node) {
        System.out.println("Large objects, the same plain HTTP client (JDK HttpClient; presigned URLs for the node):");
        System.out.printf(Locale.ROOT, "%-28s %12s %14s %10s%n", "workload", "disk+loopback", "node presigned", "ratio");
        for (String w : node.keySet()) {
            System.out.printf(Locale.ROOT, "%-28s %12.1f %14.1f %9.0f%%%n", w, loopback.get(w), node.get(w), 100 * node.get(w) / loopback.get(w));
        }
        System.out.println();
    }

    static void print(Map<String, Map<String, Double>> results) {
        Map<String, Double> disk = results.get("direct disk");
        Map<String, Double> loopback = results.get("disk over loopback");
        Map<String, Double> node = results.get("bridge node");
        Map<String, Double> mock = results.get("S3Mock 5.2.0");
        System.out.printf(Locale.ROOT, "%-28s %12s %12s %12s %12s %10s %14s %12s%n", "workload", "direct disk", "disk+loopback", "bridge node",
                mock == null ? "" : "S3Mock 5.2.0", "node/disk", "node/loopback", mock == null ? "" : "node/S3Mock");
        for (String w : node.keySet()) {
            System.out.printf(Locale.ROOT, "%-28s %12.1f %12.1f %12.1f %12s %9.0f%% %13.0f%% %12s%n", w, disk.get(w), loopback.get(w), node.get(w),
                    mock == null ? "" : String.format(Locale.ROOT, "%.1f", mock.get(w)), 100 * node.get(w) / disk.get(w),
                    100 * node.get(w) / loopback.get(w), mock == null ? "" : String.format(Locale.ROOT, "%.2fx", node.get(w) / mock.get(w)));
        }
    }

    // ------------------------------------------------------------------ targets

    /** The same disk without any server: write + fsync + rename (what the node must do at least), read back. */
    static final class DirectDisk implements Target {
        private final Path dir;

        DirectDisk(Path dir) throws IOException {
            this.dir = dir;
            Files.createDirectories(dir);
        }

        public String name() {
            return "direct disk";
        }

        public void put(String key, byte[] data) throws IOException {
            register(key);
            write(key, new java.io.ByteArrayInputStream(data));
        }

        /** Streams {@code in} to a temp file, fsyncs it and renames it over the key's file. */
        void write(String key, InputStream in) throws IOException {
            Path tmp = dir.resolve(key + "." + Thread.currentThread().threadId() + ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                byte[] buffer = new byte[256 * 1024];
                int n;
                while ((n = in.readNBytes(buffer, 0, buffer.length)) > 0) {
                    ByteBuffer b = ByteBuffer.wrap(buffer, 0, n);
                    while (b.hasRemaining()) ch.write(b);
                }
                ch.force(false);
            }
            Files.move(tmp, dir.resolve(key), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }

        Path file(String key) {
            return dir.resolve(key);
        }

        public long get(String key) throws IOException {
            try (FileChannel ch = FileChannel.open(dir.resolve(key), StandardOpenOption.READ)) {
                ByteBuffer b = ByteBuffer.allocate(256 * 1024);
                long total = 0;
                int n;
                while ((n = ch.read(b)) >= 0) {
                    total += n;
                    b.clear();
                }
                return total;
            }
        }
    }

    static void register(String key) {
        if (!key.startsWith("s")) return;
        String prefix = key.substring(0, key.indexOf('-'));
        WRITTEN.computeIfAbsent(prefix, p -> java.util.Collections.synchronizedList(new ArrayList<>())).add(key);
    }

    /**
     * The same disk behind loopback HTTP and nothing else: a plain HTTP/1.1 server (JDK) that streams a PUT body to a
     * file with fsync and rename and a GET from the file, and a plain client. What §7's "the same disk and loopback
     * deliver without it" means: the node's ratio to this is the cost of S3 itself (signatures, checksums, metadata).
     */
    static final class DiskOverLoopback implements Target {
        private final DirectDisk disk;
        private final com.sun.net.httpserver.HttpServer server;
        private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
        private final java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        private final String base;

        DiskOverLoopback(Path dir) throws IOException {
            disk = new DirectDisk(dir);
            server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 512);
            server.setExecutor(workers);
            server.createContext("/", exchange -> {
                String key = exchange.getRequestURI().getPath().substring(1);
                try (exchange) {
                    if (exchange.getRequestMethod().equals("PUT")) {
                        disk.write(key, exchange.getRequestBody());
                        exchange.sendResponseHeaders(200, -1);
                    } else {
                        Path file = disk.file(key);
                        exchange.sendResponseHeaders(200, Files.size(file));
                        try (InputStream in = Files.newInputStream(file)) {
                            in.transferTo(exchange.getResponseBody());
                        }
                    }
                } catch (IOException e) {
                    exchange.sendResponseHeaders(500, -1);
                }
            });
            server.start();
            base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        }

        public String name() {
            return "disk over loopback";
        }

        public void put(String key, byte[] data) throws Exception {
            var answer = http.send(java.net.http.HttpRequest.newBuilder(URI.create(base + key))
                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(data)).build(), java.net.http.HttpResponse.BodyHandlers.discarding());
            if (answer.statusCode() != 200) throw new IOException("PUT " + key + ": " + answer.statusCode());
            register(key);
        }

        public long get(String key) throws Exception {
            var answer = http.send(java.net.http.HttpRequest.newBuilder(URI.create(base + key)).GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = answer.body()) {
                return in.transferTo(java.io.OutputStream.nullOutputStream());
            }
        }

        public void close() {
            server.stop(0);
            workers.shutdownNow();
            http.close();
        }
    }

    /** The node through presigned URLs and the same plain JDK client the loopback baseline uses. */
    static final class PresignedTarget implements Target {
        private final software.amazon.awssdk.services.s3.presigner.S3Presigner presigner;
        private final java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();

        PresignedTarget(String endpoint) {
            presigner = software.amazon.awssdk.services.s3.presigner.S3Presigner.builder().endpointOverride(URI.create(endpoint))
                    .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(AK, SK)))
                    .serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder().pathStyleAccessEnabled(true).build())
                    .build();
        }

        public String name() {
            return "bridge node, presigned URLs, plain client";
        }

        public void put(String key, byte[] data) throws Exception {
            URI url = presigner.presignPutObject(r -> r.signatureDuration(Duration.ofMinutes(10)).putObjectRequest(p -> p.bucket("bench").key(key)))
                    .url().toURI();
            var answer = http.send(java.net.http.HttpRequest.newBuilder(url).PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(data)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) throw new IOException("PUT " + key + ": " + answer.statusCode() + " " + answer.body());
        }

        public long get(String key) throws Exception {
            URI url = presigner.presignGetObject(r -> r.signatureDuration(Duration.ofMinutes(10)).getObjectRequest(g -> g.bucket("bench").key(key)))
                    .url().toURI();
            var answer = http.send(java.net.http.HttpRequest.newBuilder(url).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = answer.body()) {
                if (answer.statusCode() != 200) throw new IOException("GET " + key + ": " + answer.statusCode());
                return in.transferTo(java.io.OutputStream.nullOutputStream());
            }
        }

        public void close() {
            presigner.close();
            http.close();
        }
    }

    static final class S3Target implements Target {
        private final String name;
        private final S3Client s3;

        S3Target(String name, String endpoint, int port) throws Exception {
            this.name = name;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (true) {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    break;
                } catch (IOException e) {
                    if (System.nanoTime() > deadline) throw new IllegalStateException(name + " did not start");
                    Thread.sleep(200); // polling a child process's port at startup
                }
            }
            this.s3 = S3Client.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1).forcePathStyle(true)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(AK, SK)))
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                    .httpClientBuilder(ApacheHttpClient.builder().maxConnections(128))
                    .build();
            for (int i = 0; ; i++) {
                try {
                    s3.createBucket(b -> b.bucket("bench"));
                    break;
                } catch (RuntimeException e) {
                    if (i > 50) throw e;
                    Thread.sleep(200); // the server may accept connections before it serves
                }
            }
            WRITTEN.clear();
        }

        public String name() {
            return name;
        }

        public void put(String key, byte[] data) {
            s3.putObject(b -> b.bucket("bench").key(key), RequestBody.fromBytes(data));
            register(key);
        }

        public long get(String key) throws IOException {
            try (InputStream in = s3.getObject(b -> b.bucket("bench").key(key))) {
                return in.transferTo(java.io.OutputStream.nullOutputStream());
            }
        }

        public void close() {
            s3.close();
        }
    }
}
