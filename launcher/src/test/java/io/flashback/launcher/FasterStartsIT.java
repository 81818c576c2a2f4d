package io.flashback.launcher;

import io.flashback.infra.process.ChildProcess;
import io.flashback.infra.process.Ports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What makes a second {@code ./flashback up} fast, on a real service jar (the gateway's, the one
 * that needs no database): the jar unpacked once and reused until it changes, and a start-up cache
 * trained next to it that a JVM required to use it ({@code -XX:AOTMode=on} fails otherwise) starts
 * healthy with.
 */
class FasterStartsIT {

    @TempDir
    Path state;

    @Test
    void aServiceJarIsUnpackedOnceAndAgainOnlyAfterItChanged() throws IOException {
        PlatformService gateway = gateway(state, Ports.free());
        UnpackedJars unpacked = new UnpackedJars(state.resolve("apps"));

        Path first = unpacked.prepare(List.of(gateway)).get("gateway-service");
        assertThat(first).isNotEqualTo(gateway.jar()).isRegularFile();
        assertThat(first.resolveSibling("lib")).isDirectory();
        FileTime unpackedAt = Files.getLastModifiedTime(first);

        assertThat(unpacked.prepare(List.of(gateway)).get("gateway-service")).isEqualTo(first);
        assertThat(Files.getLastModifiedTime(first)).isEqualTo(unpackedAt);
        assertThat(unpacked.current(List.of(gateway))).containsEntry("gateway-service", first);

        // a rebuilt jar (here: the same bytes under a new name and time) is unpacked again
        Path rebuilt = Files.copy(gateway.jar(), state.resolve("gateway-service.jar"));
        Files.setLastModifiedTime(rebuilt, FileTime.from(Instant.now().plusSeconds(5)));
        PlatformService changed = new PlatformService(gateway.name(), gateway.port(), rebuilt, gateway.arguments(), gateway.environment(),
                gateway.healthUrl(), gateway.publicUrl());
        assertThat(unpacked.current(List.of(changed))).isEmpty();
        assertThat(unpacked.prepare(List.of(changed)).get("gateway-service")).isRegularFile();
        assertThat(unpacked.current(List.of(changed))).containsKey("gateway-service");
    }

    @Test
    void theBridgeNodeOnlyBorrowsBootsPackagingAndRunsAsItIs() {
        Path bridgeNode = Path.of("..", "bridge-node", "target", "bridge-node.jar").toAbsolutePath().normalize();
        assertThat(UnpackedJars.isSpringBootJar(bridgeNode)).isFalse();
        assertThat(UnpackedJars.isSpringBootJar(gateway(state, 1).jar())).isTrue();
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_25)
    void aTrainedStartupCacheIsOneTheServiceStartsHealthyWith() throws Exception {
        int port = Ports.free();
        PlatformService gateway = gateway(state, port);
        Path jar = new UnpackedJars(state.resolve("apps")).prepare(List.of(gateway)).get("gateway-service");
        Path log = state.resolve("training.log");

        boolean made = StartupCaches.train(gateway, jar, Flashback.serviceJvmOptions(), log);

        assertThat(made).as("training log:%n%s", Files.exists(log) ? Files.readString(log) : "(none)").isTrue();
        Path cache = jar.resolveSibling("app.aot");
        assertThat(cache).isRegularFile();
        assertThat(Files.size(cache)).isGreaterThan(1_000_000);
        assertThat(jar.resolveSibling("app.aot.training")).doesNotExist();

        List<String> command = new ArrayList<>(List.of(ChildProcess.currentJava()));
        command.addAll(StartupCaches.jvmOptions(Flashback.serviceJvmOptions(), cache, false));
        command.add("-XX:AOTMode=on"); // refuse to start at all rather than quietly without the cache
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(gateway.arguments());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(state.resolve("gateway.log").toFile());
        builder.environment().putAll(gateway.environment());
        long begin = System.nanoTime();
        Process process = builder.start();
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
                assertThat(process.isAlive()).as("the gateway with its cache exited:%n%s", Files.readString(state.resolve("gateway.log"))).isTrue();
                return Health.status(gateway.healthUrl()) == 200;
            });
            System.out.printf(Locale.ROOT, "gateway with its start-up cache healthy after %.1f s%n", (System.nanoTime() - begin) / 1e9);
        } finally {
            process.destroy();
            process.waitFor();
        }
    }

    private static PlatformService gateway(Path state, int port) {
        Path jar = Path.of("..", "gateway-service", "target", "gateway-service.jar").toAbsolutePath().normalize();
        return new PlatformService("gateway-service", port, jar, List.of("--spring.profiles.active=local"),
                Map.of("SERVER_PORT", String.valueOf(port), "FLASHBACK_STATE_DIR", state.toString()),
                "http://127.0.0.1:" + port + "/actuator/health/readiness", "http://127.0.0.1:" + port);
    }
}
