package io.flashback.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** #15: {@code ./flashback down} stops what {@code up} started, whatever the wall clock did in between. */
class DownStopsWhatUpStartedTest {

    @TempDir
    Path state;

    private ManagedProcesses processes;
    private Process stranger;

    @BeforeEach
    void setUp() {
        processes = new ManagedProcesses(state.resolve("run"), state.resolve("logs"));
    }

    @AfterEach
    void killLeftovers() {
        processes.recorded().forEach(managed -> ProcessHandle.of(managed.pid()).ifPresent(ProcessHandle::destroyForcibly));
        if (stranger != null) {
            stranger.destroyForcibly();
        }
    }

    @Test // #15
    void stopsItsProcessAfterTheWallClockWasStepped() throws IOException {
        ManagedProcesses.Managed started = processes.start("sleeper", List.of("sleep", "300"), Map.of(), state);
        // what a clock step between up and down does: the JDK's wall-clock start instant no longer equals the recorded one
        shiftRecordedInstant("sleeper", Duration.ofSeconds(7));

        assertThat(processes.running("sleeper")).isPresent();
        assertThat(processes.stop("sleeper", Duration.ofSeconds(5))).isEqualTo(ManagedProcesses.Stopped.STOPPED);

        assertThat(ProcessHandle.of(started.pid()).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(processes.pidFile("sleeper")).doesNotExist();
    }

    @Test // #15
    void recognisesAProcessFromAnOlderPidFileByTheStateDirectoryInItsCommandLine() throws IOException {
        ManagedProcesses.Managed started = processes.start("older", List.of("sh", "-c", "sleep 300", state.toString()), Map.of(), state);
        // a pid file as the launcher wrote it before: pid and wall-clock instant only, the instant moved by a clock step
        Files.writeString(processes.pidFile("older"), started.pid() + "\n" + started.started().plusSeconds(30) + "\n");

        assertThat(processes.stop("older", Duration.ofSeconds(5))).isEqualTo(ManagedProcesses.Stopped.STOPPED);
        assertThat(ProcessHandle.of(started.pid()).filter(ProcessHandle::isAlive)).isEmpty();
    }

    @Test // #15
    void leavesAProcessItDidNotStartAloneAndKeepsItsPidFile() throws IOException {
        stranger = new ProcessBuilder("sleep", "300").start();
        long realTicks = ManagedProcesses.startTicks(stranger.pid()).orElseThrow();
        // our pid file names that pid, but the process under it started at another moment: the pid was reused
        Files.createDirectories(state.resolve("run"));
        Files.writeString(processes.pidFile("reused"), stranger.pid() + "\n"
                + stranger.info().startInstant().orElseThrow() + "\nticks " + (realTicks - 1000) + "\n");

        assertThat(processes.running("reused")).isEmpty();
        assertThat(processes.stop("reused", Duration.ofSeconds(1))).isEqualTo(ManagedProcesses.Stopped.FOREIGN);
        assertThat(stranger.isAlive()).isTrue();
        assertThat(processes.pidFile("reused")).exists();
    }

    @Test // #15
    void forgetsAProcessThatHasExited() throws Exception {
        ManagedProcesses.Managed started = processes.start("short", List.of("true"), Map.of(), state);
        ProcessHandle.of(started.pid()).ifPresent(handle -> handle.onExit().join());

        assertThat(processes.stop("short", Duration.ofSeconds(1))).isEqualTo(ManagedProcesses.Stopped.NOT_RUNNING);
        assertThat(processes.pidFile("short")).doesNotExist();
    }

    @Test // #15
    void recordsTheStartInClockTicksThatTheWallClockCannotMove() throws IOException {
        ManagedProcesses.Managed started = processes.start("ticks", List.of("sleep", "300"), Map.of(), state);

        assertThat(started.startTicks()).isPresent();
        assertThat(Files.readAllLines(processes.pidFile("ticks"))).contains("ticks " + started.startTicks().getAsLong());
    }

    private void shiftRecordedInstant(String name, Duration by) throws IOException {
        List<String> lines = Files.readAllLines(processes.pidFile(name));
        lines.set(1, Instant.parse(lines.get(1)).plus(by).toString());
        Files.write(processes.pidFile(name), lines);
    }
}
