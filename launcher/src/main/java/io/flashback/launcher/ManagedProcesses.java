package io.flashback.launcher;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Processes the launcher starts detached from the terminal (they outlive {@code ./flashback up}),
 * each recorded in a pid file with its start time, so {@code down} stops exactly what {@code up}
 * started — never an unrelated process that reused a pid.
 */
final class ManagedProcesses {

    record Managed(String name, long pid, Instant started) {
    }

    private final Path runDirectory;
    private final Path logDirectory;

    ManagedProcesses(Path runDirectory, Path logDirectory) {
        this.runDirectory = runDirectory;
        this.logDirectory = logDirectory;
    }

    Path logFile(String name) {
        return logDirectory.resolve(name + ".log");
    }

    Managed start(String name, List<String> command, Map<String, String> environment, Path workingDirectory) {
        try {
            Files.createDirectories(runDirectory);
            Files.createDirectories(logDirectory);
            List<String> detached = new ArrayList<>();
            if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
                detached.add("/usr/bin/setsid");
            }
            detached.addAll(command);
            ProcessBuilder builder = new ProcessBuilder(detached)
                    .directory(workingDirectory.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile(name).toFile()));
            builder.environment().putAll(environment);
            Process process = builder.start();
            Instant started = process.toHandle().info().startInstant().orElse(Instant.EPOCH);
            Files.writeString(pidFile(name), process.pid() + "\n" + started + "\n");
            return new Managed(name, process.pid(), started);
        } catch (IOException e) {
            throw new LauncherException("cannot start " + name + ": " + e.getMessage());
        }
    }

    /** The recorded process, if it is still the one we started and still running. */
    Optional<ProcessHandle> running(String name) {
        return read(name).flatMap(managed -> ProcessHandle.of(managed.pid())
                .filter(ProcessHandle::isAlive)
                .filter(handle -> handle.info().startInstant().map(managed.started()::equals).orElse(false)));
    }

    List<Managed> recorded() {
        try (Stream<Path> files = Files.list(runDirectory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".pid"))
                    .map(file -> file.getFileName().toString().replace(".pid", ""))
                    .map(this::read).flatMap(Optional::stream).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Stops the process and everything it started: TERM first, KILL after the grace period. */
    boolean stop(String name, Duration grace) {
        Optional<ProcessHandle> handle = running(name);
        handle.ifPresent(process -> {
            List<ProcessHandle> family = Stream.concat(process.descendants(), Stream.of(process)).toList();
            process.destroy();
            waitForExit(family, grace);
            family.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroy);
            waitForExit(family, Duration.ofSeconds(5));
            family.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            waitForExit(family, Duration.ofSeconds(5));
        });
        try {
            Files.deleteIfExists(pidFile(name));
        } catch (IOException e) {
            throw new LauncherException("cannot remove " + pidFile(name) + ": " + e.getMessage());
        }
        return handle.isPresent();
    }

    private static void waitForExit(List<ProcessHandle> processes, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ProcessHandle process : processes) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                process.onExit().get(left, java.util.concurrent.TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                return;
            }
        }
    }

    private Optional<Managed> read(String name) {
        Path file = pidFile(name);
        try {
            List<String> lines = Files.readAllLines(file);
            return Optional.of(new Managed(name, Long.parseLong(lines.get(0).strip()), Instant.parse(lines.get(1).strip())));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private Path pidFile(String name) {
        return runDirectory.resolve(name + ".pid");
    }
}
