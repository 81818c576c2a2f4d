package io.flashback.launcher;

import io.flashback.infra.process.ChildProcess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Ahead-of-time caches of the services' start (JDK 25's AOT cache: classes loaded and linked,
 * method profiles), one per unpacked service jar. A service with a cache starts in about half the
 * time again of its unpacked jar.
 *
 * <p>A cache is made by a training run of the service that stops once its application context has
 * been refreshed ({@code -Dspring.context.exit=onRefresh}): no port is bound, no consumer or
 * scheduler starts, so it can run next to the live service. {@code ./flashback up} starts the
 * training in the background, at low priority and one service at a time, after the platform is up
 * and only for services without a cache — once per build, as an unpacked jar and its cache are
 * replaced together when the jar changes. A JVM that finds a cache it cannot use (another JDK,
 * other options) warns and starts without it. {@code FLASHBACK_STARTUP_CACHES=off} turns all of
 * this off; the launcher's own tests do.
 */
final class StartupCaches {

    static final String NAME = "startup-caches";
    private static final String CACHE = "app.aot";
    private static final long TRAINING_TIMEOUT_SECONDS = 600;

    private final PlatformLayout layout;

    StartupCaches(PlatformLayout layout) {
        this.layout = layout;
    }

    boolean enabled() {
        return Runtime.version().feature() >= 25 && !"off".equalsIgnoreCase(layout.environment().getOrDefault("FLASHBACK_STARTUP_CACHES", "on"));
    }

    /** The cache of a service's unpacked jar, when there is one to use. */
    Optional<Path> cacheFor(Path runnableJar) {
        if (!enabled()) {
            return Optional.empty();
        }
        Path cache = runnableJar.resolveSibling(CACHE);
        return Files.isRegularFile(cache) ? Optional.of(cache) : Optional.empty();
    }

    /** Whether some unpacked service jar has no cache yet. */
    boolean anyMissing(Map<String, Path> runnableJars) {
        return enabled() && !untrained(runnableJars).isEmpty();
    }

    /** The JVM options a service runs with: with its cache, or those the cache is trained with. */
    static List<String> jvmOptions(List<String> serviceOptions, Path cache, boolean training) {
        List<String> options = new ArrayList<>(serviceOptions);
        // the cache holds class metadata the JVM maps whole: a metaspace ceiling chosen for a run without it does not fit it
        options.removeIf(option -> option.startsWith("-XX:MaxMetaspaceSize"));
        options.add((training ? "-XX:AOTCacheOutput=" : "-XX:AOTCache=") + cache);
        return options;
    }

    private List<PlatformService> untrained(Map<String, Path> runnableJars) {
        List<PlatformService> missing = new ArrayList<>();
        for (PlatformService service : layout.services()) {
            Path jar = runnableJars.get(service.name());
            if (jar != null && !jar.equals(service.jar()) && !Files.isRegularFile(jar.resolveSibling(CACHE))) {
                missing.add(service);
            }
        }
        return missing;
    }

    /**
     * Trains the cache of one service: a run to the end of its context refresh, then the cache moved
     * into place. Returns whether a cache was made; the training's output goes to {@code log}.
     */
    static boolean train(PlatformService service, Path unpackedJar, List<String> serviceOptions, Path log) throws IOException, InterruptedException {
        Path cache = unpackedJar.resolveSibling(CACHE);
        Path training = unpackedJar.resolveSibling(CACHE + ".training");
        Files.deleteIfExists(training);
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/nice"))) {
            command.addAll(List.of("/usr/bin/nice", "-n", "15"));
        }
        command.add(ChildProcess.currentJava());
        command.addAll(jvmOptions(serviceOptions, training, true));
        command.add("-Xlog:aot*=error"); // thousands of "class skipped" warnings otherwise; failures still show
        command.addAll(List.of("-Dspring.context.exit=onRefresh", "-jar", unpackedJar.toString()));
        command.addAll(service.arguments());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(service.environment());
        Process process = builder.start();
        if (!process.waitFor(TRAINING_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Files.deleteIfExists(training);
            return false;
        }
        if (process.exitValue() != 0 || !Files.isRegularFile(training) || Files.size(training) == 0) {
            Files.deleteIfExists(training);
            return false;
        }
        Files.move(training, cache, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return true;
    }

    /** The background trainer {@code up} starts: every service without a cache, one at a time. */
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        PlatformLayout layout = PlatformLayout.fromEnvironment(root, System.getenv());
        UnpackedJars unpacked = new UnpackedJars(layout.stateDirectory().resolve("apps"));
        StartupCaches caches = new StartupCaches(layout);
        Map<String, Path> runnable = unpacked.current(layout.services());
        Path log = layout.logs().resolve(NAME + ".log");
        for (PlatformService service : caches.untrained(runnable)) {
            long begin = System.nanoTime();
            boolean made = train(service, runnable.get(service.name()), Flashback.serviceJvmOptions(), log);
            System.out.printf("%s %s: %s after %.1f s%n", Instant.now(), service.name(),
                    made ? "start-up cache made" : "no start-up cache (see the lines above)", (System.nanoTime() - begin) / 1e9);
        }
    }
}
