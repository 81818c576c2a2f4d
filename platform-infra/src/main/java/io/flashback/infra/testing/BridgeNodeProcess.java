package io.flashback.infra.testing;

import io.flashback.infra.process.ChildProcess;
import io.flashback.infra.process.Ports;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real bridge node (the module's jar, built earlier in the reactor) serving S3 on a free loopback port, for services'
 * integration tests that talk to a node as the platform does: {@code serve} with its data under {@code directory} and
 * the given extra options (grants, grants file).
 */
public final class BridgeNodeProcess implements AutoCloseable {

    /** bridge-node's jar, seen from a service module's directory (where Maven runs its tests). */
    public static final Path JAR = Path.of("..", "bridge-node", "target", "bridge-node.jar").toAbsolutePath().normalize();

    private final ChildProcess process;
    private final int port;

    private BridgeNodeProcess(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Whether the jar is there: without it the tests that need a node are skipped with a clear message. */
    public static boolean built() {
        return Files.isRegularFile(JAR);
    }

    /** Starts a node and waits until it listens (up to a minute). */
    public static BridgeNodeProcess serve(Path directory, List<String> options) {
        int port = Ports.free();
        List<String> command = new ArrayList<>(List.of(ChildProcess.currentJava(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", JAR.toString(),
                "serve", "--port", String.valueOf(port), "--management-port", String.valueOf(Ports.free()), "--bind", "127.0.0.1",
                "--data-dir", directory.resolve("data").toString()));
        command.addAll(options);
        ChildProcess process = ChildProcess.start("bridge-node", command, Map.of(), directory, directory.resolve("bridge-node.log"));
        Ports.await(() -> Ports.isListening(port), Duration.ofSeconds(60), process, "bridge node");
        return new BridgeNodeProcess(process, port);
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.close();
    }
}
