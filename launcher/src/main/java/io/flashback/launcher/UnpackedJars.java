package io.flashback.launcher;

import io.flashback.infra.process.ChildProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Spring Boot services run from their jar unpacked once into the state directory
 * ({@code java -Djarmode=tools -jar service.jar extract}): the JVM then loads classes from plain
 * jars instead of jars nested in the executable one, which halves a service's start on two cores.
 * An unpacked copy is reused while its source jar is unchanged (same size and modification time)
 * and made again after a rebuild. A jar that is not a Spring Boot application (the bridge node
 * only borrows Boot's packaging), or that cannot be unpacked, is run as it is: unpacking only ever
 * makes a start faster, never impossible.
 */
final class UnpackedJars {

    private static final String STAMP = ".unpacked-from";
    private static final long EXTRACT_TIMEOUT_SECONDS = 120;

    private final Path directory;

    /** @param directory where unpacked copies live, one sub-directory per service */
    UnpackedJars(Path directory) {
        this.directory = directory;
    }

    /** Unpacks every Spring Boot jar of {@code services} that has no current copy, all at once; returns the jar to run per service. */
    Map<String, Path> prepare(List<PlatformService> services) {
        Map<String, Path> current = current(services);
        Map<String, Path> runnable = new LinkedHashMap<>();
        Map<String, Pending> pending = new LinkedHashMap<>();
        for (PlatformService service : services) {
            if (current.containsKey(service.name())) {
                runnable.put(service.name(), current.get(service.name()));
            } else if (!isSpringBootJar(service.jar())) {
                runnable.put(service.name(), service.jar());
            } else {
                pending.put(service.name(), start(service.jar(), directory.resolve(service.name())));
            }
        }
        pending.forEach((name, job) -> runnable.put(name, job.finish()));
        return runnable;
    }

    /** The unpacked copies that are current, without making any: what a service would run from. */
    Map<String, Path> current(List<PlatformService> services) {
        Map<String, Path> runnable = new LinkedHashMap<>();
        for (PlatformService service : services) {
            Path target = directory.resolve(service.name());
            if (isSpringBootJar(service.jar()) && stamp(service.jar()).equals(readStamp(target))) {
                runnable.put(service.name(), target.resolve(service.jar().getFileName()));
            }
        }
        return runnable;
    }

    private Pending start(Path jar, Path target) {
        Path staging = target.resolveSibling(target.getFileName() + ".unpacking");
        try {
            deleteTree(staging);
            Files.createDirectories(staging.getParent());
            Process process = new ProcessBuilder(List.of(ChildProcess.currentJava(), "-Djarmode=tools", "-jar", jar.toString(),
                    "extract", "--destination", staging.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return new Pending(jar, target, staging, process);
        } catch (IOException e) {
            System.out.println("  (running " + jar.getFileName() + " packed: cannot unpack it: " + e.getMessage() + ")");
            return new Pending(jar, target, staging, null);
        }
    }

    private record Pending(Path jar, Path target, Path staging, Process process) {
        Path finish() {
            if (process == null) {
                return jar;
            }
            try {
                boolean ended = process.waitFor(EXTRACT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                Path unpacked = staging.resolve(jar.getFileName());
                if (!ended || process.exitValue() != 0 || !Files.isRegularFile(unpacked)) {
                    process.destroyForcibly();
                    System.out.println("  (running " + jar.getFileName() + " packed: unpacking it failed)");
                    deleteTree(staging);
                    return jar;
                }
                Files.writeString(staging.resolve(STAMP), stamp(jar));
                deleteTree(target);
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                return target.resolve(jar.getFileName());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                return jar;
            } catch (IOException e) {
                System.out.println("  (running " + jar.getFileName() + " packed: " + e.getMessage() + ")");
                return jar;
            }
        }
    }

    /** A Spring Boot application jar the jar-mode tools can unpack (they need Spring's core classes inside it). */
    static boolean isSpringBootJar(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().anyMatch(entry -> entry.getName().startsWith("BOOT-INF/lib/spring-core-"))
                    && file.stream().anyMatch(entry -> entry.getName().startsWith("BOOT-INF/lib/spring-boot-jarmode-tools-"));
        } catch (IOException e) {
            return false;
        }
    }

    private static String stamp(Path jar) {
        try {
            return jar.toAbsolutePath() + "|" + Files.size(jar) + "|" + Files.getLastModifiedTime(jar).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readStamp(Path target) {
        try {
            return Files.readString(target.resolve(STAMP));
        } catch (IOException e) {
            return "";
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(paths::add);
        }
        for (Path path : paths) {
            Files.deleteIfExists(path);
        }
    }
}
