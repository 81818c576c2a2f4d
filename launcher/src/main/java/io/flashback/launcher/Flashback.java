package io.flashback.launcher;

import io.flashback.infra.process.Ports;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code ./flashback up | status | down}: runs the platform locally, each service as its own
 * process, on embedded PostgreSQL, Kafka and anvil.
 */
public final class Flashback {

    private static final String INFRA = "infra";
    private static final Duration INFRA_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration SERVICES_TIMEOUT = Duration.ofMinutes(4);

    private final PlatformLayout layout;
    private final ManagedProcesses processes;
    private final UnpackedJars unpacked;
    private final StartupCaches caches;
    /** The jar each service runs from: its unpacked copy once {@link UnpackedJars} made one. */
    private final Map<String, Path> runnableJars = new ConcurrentHashMap<>();

    Flashback(PlatformLayout layout) {
        this.layout = layout;
        this.processes = new ManagedProcesses(layout.run(), layout.logs());
        this.unpacked = new UnpackedJars(layout.stateDirectory().resolve("apps"));
        this.caches = new StartupCaches(layout);
    }

    public static void main(String[] args) {
        Path root = Path.of(System.getProperty("flashback.root", ".")).toAbsolutePath().normalize();
        String command = args.length == 0 ? "help" : args[0];
        try {
            Flashback flashback = new Flashback(PlatformLayout.fromEnvironment(root, System.getenv()));
            int status = switch (command) {
                case "up" -> flashback.up();
                case "status" -> flashback.status();
                case "down" -> flashback.down();
                default -> usage();
            };
            System.exit(status);
        } catch (LauncherException e) {
            System.err.println("flashback: " + e.getMessage());
            System.exit(2);
        }
    }

    private static int usage() {
        System.out.println("""
                usage: ./flashback <command>
                  up              start the whole platform (embedded PostgreSQL, Kafka, anvil, every service)
                  status          show what runs and whether it is healthy
                  logs <name>     follow a component's log (infra, registry-service, gateway-service, ...)
                  down            stop everything 'up' started
                  test            run every test (./mvnw verify)
                environment: FLASHBACK_STATE_DIR (default .flashback), FLASHBACK_<NAME>_PORT
                  (POSTGRES, KAFKA, ANVIL, GATEWAY, GATEWAY_MANAGEMENT, REGISTRY, MARKETPLACE, ORCHESTRATOR, MONITOR, ORACLE,
                   BRIDGE_NODE, BRIDGE_NODE_MANAGEMENT); at the first up only: FLASHBACK_EPOCH_SECONDS
                  (OracleHub epoch length, default 3600), FLASHBACK_VALIDATORS (1-4 of anvil accounts 6-9, default 4);
                  FLASHBACK_STARTUP_CACHES=off (no start-up caches), FLASHBACK_JAVA_OPTS (the services' JVM options)""");
        return 1;
    }

    int up() {
        long begin = System.nanoTime();
        List<String> alreadyRunning = processes.recorded().stream()
                .map(ManagedProcesses.Managed::name)
                .filter(name -> processes.running(name).isPresent()).toList();
        if (!alreadyRunning.isEmpty()) {
            throw new LauncherException("already running: " + String.join(", ", alreadyRunning)
                    + " — see ./flashback status, or ./flashback down first");
        }
        for (PlatformService service : layout.services()) {
            if (!Files.isRegularFile(service.jar())) {
                throw new LauncherException(service.jar() + " is missing: build first (./mvnw -DskipTests package)");
            }
        }
        requirePortsFree();
        StateVersion.requireCurrent(layout.stateDirectory());
        // unpacking the services' jars (first start, or after a rebuild) overlaps with the infrastructure's start
        CompletableFuture<Map<String, Path>> unpacking = CompletableFuture.supplyAsync(() -> unpacked.prepare(layout.services()));
        startInfrastructure();
        runnableJars.putAll(unpacking.join());
        for (PlatformService service : layout.services()) {
            startService(service);
            System.out.println("  started " + service.name() + " (log: " + processes.logFile(service.name()) + ")");
        }
        awaitHealthy();
        double seconds = (System.nanoTime() - begin) / 1e9;
        System.out.printf("%nFlashback is up after %.1f s.%n%n", seconds);
        System.out.println("  Dashboard / API gateway  http://127.0.0.1:" + layout.ports().gateway());
        DemoGrant demo = DemoGrant.loadOrCreate(layout.demoGrantFile());
        System.out.printf("  S3 / GCS endpoint        http://127.0.0.1:%d   (bridge node; demo grant: buckets %s, %s)%n",
                layout.ports().bridgeNode(), DemoGrant.BUCKETS, DemoGrant.QUOTA);
        System.out.printf("                           AWS_ACCESS_KEY_ID=%s AWS_SECRET_ACCESS_KEY=%s%n", demo.accessKey(), demo.secret());
        System.out.printf("                           the node announced itself: its id and claim secret are in %s%n",
                processes.logFile("bridge-node"));
        for (PlatformService service : layout.services()) {
            System.out.printf("  %-24s %s   log: %s%n", service.name(), service.publicUrl(), processes.logFile(service.name()));
        }
        LocalSecrets secrets = layout.secrets();
        System.out.printf("  %-24s %s — import its private key (%s) into your wallet to act as operator%n", "Operator wallet",
                secrets.operator().getAddress(), secrets.operatorKeyFile());
        System.out.printf("  %-24s jdbc:postgresql://127.0.0.1:%d/<service> (user <service>; passwords in %s)%n", "PostgreSQL",
                layout.ports().postgres(), secrets.directory().resolve("postgres"));
        System.out.printf("  %-24s 127.0.0.1:%d%n", "Kafka", layout.ports().kafka());
        System.out.printf("  %-24s http://127.0.0.1:%d (chain id 31337)%n", "anvil", layout.ports().anvil());
        System.out.printf("  %-24s %s%n", "contract address book", layout.addressBook());
        System.out.printf("  %-24s %s%n", "infrastructure log", processes.logFile(INFRA));
        System.out.println("\n  ./flashback status | ./flashback logs <name> | ./flashback down");
        if (caches.anyMissing(runnableJars)) {
            startCacheTraining();
        }
        return 0;
    }

    /** Trains the missing start-up caches in the background, at low priority: the next up starts faster. */
    private void startCacheTraining() {
        List<String> command = List.of(javaBinary(), "-Xmx64m", "-XX:+UseSerialGC", "-cp", io.flashback.infra.process.ChildProcess.absoluteClassPath(),
                StartupCaches.class.getName(), layout.root().toString());
        Map<String, String> environment = new HashMap<>(layout.environment());
        environment.put("FLASHBACK_STATE_DIR", layout.stateDirectory().toString());
        processes.start(StartupCaches.NAME, command, environment, layout.root());
        System.out.println("  making the services' start-up caches in the background, once per build (log: "
                + processes.logFile(StartupCaches.NAME) + "): the next up starts faster");
    }

    void startService(PlatformService service) {
        Path jar = runnableJars.computeIfAbsent(service.name(), name -> unpacked.prepare(List.of(service)).get(name));
        List<String> command = new ArrayList<>(List.of(javaBinary()));
        if (service.jar().getFileName().toString().equals("bridge-node.jar")) {
            // the storage server wants the optimising compiler and room for buffers; the services a small footprint
            command.addAll(List.of("-Xms64m", "-Xmx512m", "-XX:+UseParallelGC", "-XX:MaxDirectMemorySize=256m"));
        } else {
            Optional<Path> cache = jar.equals(service.jar()) ? Optional.empty() : caches.cacheFor(jar);
            command.addAll(cache.map(path -> StartupCaches.jvmOptions(serviceJvmOptions(), path, false)).orElseGet(Flashback::serviceJvmOptions));
        }
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(service.arguments());
        if (service.name().equals("bridge-node")) {
            DemoGrant.loadOrCreate(layout.demoGrantFile()).writeGrantsFile(layout.demoGrantsFile());
        }
        Map<String, String> environment = new HashMap<>(service.environment());
        environment.putAll(layout.secretEnvironment(service));
        processes.start(service.name(), command, environment, layout.root());
    }

    ManagedProcesses processes() {
        return processes;
    }

    private void requirePortsFree() {
        Map<String, Integer> wanted = new LinkedHashMap<>();
        wanted.put("PostgreSQL (FLASHBACK_POSTGRES_PORT)", layout.ports().postgres());
        wanted.put("Kafka (FLASHBACK_KAFKA_PORT)", layout.ports().kafka());
        wanted.put("anvil (FLASHBACK_ANVIL_PORT)", layout.ports().anvil());
        layout.services().forEach(service -> wanted.put(service.name() + " (FLASHBACK_"
                + service.name().replace("-service", "").replace('-', '_').toUpperCase() + "_PORT)", service.port()));
        wanted.put("bridge-node management (FLASHBACK_BRIDGE_NODE_MANAGEMENT_PORT)", layout.ports().bridgeNodeManagement());
        wanted.put("gateway management (FLASHBACK_GATEWAY_MANAGEMENT_PORT)", layout.ports().gatewayManagement());
        List<String> taken = wanted.entrySet().stream().filter(entry -> Ports.isListening(entry.getValue()))
                .map(entry -> "port " + entry.getValue() + " for " + entry.getKey()).toList();
        if (!taken.isEmpty()) {
            throw new LauncherException("ports already in use: " + String.join("; ", taken)
                    + ". Stop what uses them or choose other ports with the variables named.");
        }
    }

    private void startInfrastructure() {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-XX:+UseSerialGC",
                "-cp", io.flashback.infra.process.ChildProcess.absoluteClassPath(), InfraDaemon.class.getName(), layout.root().toString()));
        Map<String, String> environment = new HashMap<>(layout.chain().environment());
        environment.putAll(Map.of(
                "FLASHBACK_STATE_DIR", layout.stateDirectory().toString(),
                "FLASHBACK_POSTGRES_PORT", String.valueOf(layout.ports().postgres()),
                "FLASHBACK_KAFKA_PORT", String.valueOf(layout.ports().kafka()),
                "FLASHBACK_ANVIL_PORT", String.valueOf(layout.ports().anvil())));
        try {
            Files.deleteIfExists(layout.infraReadyFile());
        } catch (java.io.IOException e) {
            throw new LauncherException("cannot write to " + layout.run() + ": " + e.getMessage());
        }
        processes.start(INFRA, command, environment, layout.root());
        System.out.println("  starting PostgreSQL, Kafka and anvil (log: " + processes.logFile(INFRA) + ")");
        long deadline = System.nanoTime() + INFRA_TIMEOUT.toNanos();
        while (!Files.exists(layout.infraReadyFile())) {
            if (processes.running(INFRA).isEmpty()) {
                throw new LauncherException("the infrastructure did not start; see " + processes.logFile(INFRA));
            }
            if (System.nanoTime() > deadline) {
                processes.stop(INFRA, Duration.ofSeconds(20));
                throw new LauncherException("the infrastructure was not ready after " + INFRA_TIMEOUT.toMinutes()
                        + " minutes; see " + processes.logFile(INFRA));
            }
            pause();
        }
    }

    private void awaitHealthy() {
        long deadline = System.nanoTime() + SERVICES_TIMEOUT.toNanos();
        List<PlatformService> waiting = new ArrayList<>(layout.services());
        while (!waiting.isEmpty()) {
            for (PlatformService service : List.copyOf(waiting)) {
                if (processes.running(service.name()).isEmpty()) {
                    throw new LauncherException(service.name() + " exited during start; see " + processes.logFile(service.name())
                            + " (the rest keeps running: ./flashback down stops it)");
                }
                if (Health.ready(service.healthUrl())) {
                    waiting.remove(service);
                    System.out.println("  " + service.name() + " is healthy");
                }
            }
            if (System.nanoTime() > deadline) {
                throw new LauncherException("not healthy after " + SERVICES_TIMEOUT.toMinutes() + " minutes: "
                        + waiting.stream().map(PlatformService::name).toList() + "; see their logs in " + layout.logs());
            }
            pause();
        }
    }

    int status() {
        boolean anything = false;
        Optional<ProcessHandle> infra = processes.running(INFRA);
        System.out.printf("%-22s %-8s %-8s %s%n", "component", "pid", "state", "health");
        System.out.printf("%-22s %-8s %-8s %s%n", INFRA, infra.map(p -> String.valueOf(p.pid())).orElse("-"),
                infra.isPresent() ? "running" : "stopped", infra.isPresent() && Files.exists(layout.infraReadyFile()) ? "ready" : "-");
        anything |= infra.isPresent();
        for (PlatformService service : layout.services()) {
            Optional<ProcessHandle> process = processes.running(service.name());
            int health = process.isPresent() ? Health.status(service.healthUrl()) : 0;
            System.out.printf("%-22s %-8s %-8s %s%n", service.name(), process.map(p -> String.valueOf(p.pid())).orElse("-"),
                    process.isPresent() ? "running" : "stopped",
                    process.isEmpty() ? "-" : health == 200 ? "UP" : health == 0 ? "not answering" : "DOWN (" + health + ")");
            anything |= process.isPresent();
        }
        Optional<ProcessHandle> training = processes.running(StartupCaches.NAME);
        if (training.isPresent()) {
            System.out.printf("%-22s %-8s %-8s %s%n", StartupCaches.NAME, training.get().pid(), "running", "training (background)");
        }
        return anything ? 0 : 3;
    }

    int down() {
        List<String> stopped = new ArrayList<>();
        List<String> foreign = new ArrayList<>();
        List<String> names = new ArrayList<>(List.of(StartupCaches.NAME));
        layout.services().reversed().forEach(service -> names.add(service.name()));
        names.add(INFRA);
        for (String name : names) {
            Duration grace = name.equals(INFRA) ? Duration.ofSeconds(40) : name.equals(StartupCaches.NAME) ? Duration.ofSeconds(5) : Duration.ofSeconds(25);
            switch (processes.stop(name, grace)) {
                case STOPPED -> stopped.add(name);
                case FOREIGN -> foreign.add(name + " (" + processes.pidFile(name) + ")");
                case NOT_RUNNING -> { }
            }
        }
        System.out.println(stopped.isEmpty() ? "nothing was running" : "stopped: " + String.join(", ", stopped));
        if (!foreign.isEmpty()) {
            System.out.println("left alone, their pid names a process this platform did not start: " + String.join(", ", foreign)
                    + ". Check it with ps; remove the pid file once you are sure.");
        }
        return 0;
    }

    private static String javaBinary() {
        return io.flashback.infra.process.ChildProcess.currentJava();
    }

    static List<String> serviceJvmOptions() {
        String configured = System.getenv("FLASHBACK_JAVA_OPTS");
        if (configured != null && !configured.isBlank()) {
            return List.of(configured.trim().split("\\s+"));
        }
        // §7: a service idles at ≤ 300 MB resident. A small young generation and a heap that keeps little
        // free room hold the committed heap near what is used; compact object headers (a product option
        // from JDK 25, the services run on the launcher's own JDK) shrink every object by 4 bytes.
        List<String> options = new ArrayList<>(List.of("-Xms32m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:MaxNewSize=24m",
                "-XX:MinHeapFreeRatio=15", "-XX:MaxHeapFreeRatio=40", "-Xss512k", "-XX:ReservedCodeCacheSize=64m",
                "-XX:MaxMetaspaceSize=160m", "-XX:TieredStopAtLevel=1"));
        if (Runtime.version().feature() >= 25) {
            options.add("-XX:+UseCompactObjectHeaders");
        }
        return options;
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException("interrupted");
        }
    }
}
