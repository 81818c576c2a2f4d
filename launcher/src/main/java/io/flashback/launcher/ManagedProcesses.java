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
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Processes the launcher starts detached from the terminal (they outlive {@code ./flashback up}),
 * each recorded in a pid file, so {@code down} stops exactly what {@code up} started — never an
 * unrelated process that reused a pid, and never forgetting one of ours.
 *
 * <p>A process is recognised by its start time in clock ticks since boot (field 22 of
 * {@code /proc/<pid>/stat}, see proc(5)). Unlike {@link ProcessHandle.Info#startInstant()}, which the
 * JDK derives from the wall clock, it does not move when the clock is stepped (NTP, a resumed VM)
 * between {@code up} and {@code down}. Where {@code /proc} is missing, or for a pid file written by an
 * older launcher (no ticks in it), the start instant must match within a tolerance, or the process's
 * command line must name this platform's state directory.
 */
final class ManagedProcesses {

    /** How far apart two readings of one process's wall-clock start may be (rounding, small clock slews). */
    private static final Duration INSTANT_TOLERANCE = Duration.ofSeconds(2);

    record Managed(String name, long pid, Instant started, OptionalLong startTicks) {
    }

    /** What {@link #stop} found. */
    enum Stopped {
        /** It was ours and running: stopped. */
        STOPPED,
        /** Nothing ran under the recorded pid (or there was no pid file): the file is gone. */
        NOT_RUNNING,
        /** The pid is alive but not recognisably ours: left alone, and so is its pid file. */
        FOREIGN
    }

    private final Path runDirectory;
    private final Path logDirectory;
    private final String marker;

    ManagedProcesses(Path runDirectory, Path logDirectory) {
        this.runDirectory = runDirectory;
        this.logDirectory = logDirectory;
        this.marker = runDirectory.toAbsolutePath().normalize().getParent().toString();
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
            Managed managed = new Managed(name, process.pid(), started, startTicks(process.pid()));
            write(managed);
            return managed;
        } catch (IOException e) {
            throw new LauncherException("cannot start " + name + ": " + e.getMessage());
        }
    }

    /** The recorded process, if it is still the one we started and still running. */
    Optional<ProcessHandle> running(String name) {
        return read(name).flatMap(managed -> ProcessHandle.of(managed.pid())
                .filter(ProcessHandle::isAlive)
                .filter(handle -> isOurs(managed, handle)));
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

    /**
     * Stops the process and everything it started: TERM first, KILL after the grace period. The pid
     * file goes only once nothing runs under it; a live process that is not recognisably ours keeps it.
     */
    Stopped stop(String name, Duration grace) {
        Optional<Managed> recorded = read(name);
        Optional<ProcessHandle> alive = recorded.flatMap(managed -> ProcessHandle.of(managed.pid())).filter(ProcessHandle::isAlive);
        if (alive.isPresent() && !isOurs(recorded.get(), alive.get())) {
            return Stopped.FOREIGN;
        }
        alive.ifPresent(process -> {
            List<ProcessHandle> family = Stream.concat(process.descendants(), Stream.of(process)).toList();
            process.destroy();
            waitForExit(family, grace);
            family.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroy);
            waitForExit(family, Duration.ofSeconds(5));
            family.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            waitForExit(family, Duration.ofSeconds(5));
            if (process.isAlive()) {
                throw new LauncherException(name + " (pid " + process.pid() + ") did not stop; its pid file "
                        + pidFile(name) + " is kept");
            }
        });
        try {
            Files.deleteIfExists(pidFile(name));
        } catch (IOException e) {
            throw new LauncherException("cannot remove " + pidFile(name) + ": " + e.getMessage());
        }
        return alive.isPresent() ? Stopped.STOPPED : Stopped.NOT_RUNNING;
    }

    private boolean isOurs(Managed managed, ProcessHandle handle) {
        OptionalLong ticks = startTicks(handle.pid());
        if (managed.startTicks().isPresent() && ticks.isPresent()) {
            return managed.startTicks().getAsLong() == ticks.getAsLong();
        }
        boolean sameStart = handle.info().startInstant()
                .map(instant -> Duration.between(instant, managed.started()).abs().compareTo(INSTANT_TOLERANCE) <= 0)
                .orElse(false);
        boolean namesOurState = handle.info().commandLine().map(line -> line.contains(marker)).orElse(false)
                || handle.info().arguments().map(arguments -> Stream.of(arguments).anyMatch(argument -> argument.contains(marker)))
                        .orElse(false);
        return sameStart || namesOurState;
    }

    /** The process's start in clock ticks after boot, from {@code /proc/<pid>/stat} (empty without {@code /proc}). */
    static OptionalLong startTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) is in parentheses and may hold spaces: count fields after its closing one
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            return OptionalLong.of(Long.parseLong(fields[22 - 3]));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    private static void waitForExit(List<ProcessHandle> processes, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ProcessHandle process : processes) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                process.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                return;
            }
        }
    }

    private void write(Managed managed) throws IOException {
        String ticks = managed.startTicks().isPresent() ? "ticks " + managed.startTicks().getAsLong() + "\n" : "";
        Files.writeString(pidFile(managed.name()), managed.pid() + "\n" + managed.started() + "\n" + ticks);
    }

    /** Reads a pid file: pid, start instant, and (since the clock-step fix) {@code ticks <n>}. */
    private Optional<Managed> read(String name) {
        Path file = pidFile(name);
        try {
            List<String> lines = Files.readAllLines(file);
            OptionalLong ticks = lines.stream().skip(2).map(String::strip).filter(line -> line.startsWith("ticks "))
                    .mapToLong(line -> Long.parseLong(line.substring("ticks ".length()))).findFirst();
            return Optional.of(new Managed(name, Long.parseLong(lines.get(0).strip()), Instant.parse(lines.get(1).strip()), ticks));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    Path pidFile(String name) {
        return runDirectory.resolve(name + ".pid");
    }
}
