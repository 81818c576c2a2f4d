package io.flashback.infra.anvil;

import io.flashback.infra.process.ChildProcess;
import io.flashback.infra.process.InfrastructureException;
import io.flashback.infra.process.Ports;
import io.flashback.infra.process.Tools;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A local EVM chain: anvil from the npm package {@code @foundry-rs/anvil-linux-amd64}, installed
 * on first use into the tools directory. Chain id 31337 and the well-known development accounts.
 */
public final class Anvil implements AutoCloseable {

    public static final String VERSION = "1.7.1";
    public static final long CHAIN_ID = 31337;

    private final ChildProcess process;
    private final int port;

    private Anvil(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Path of the anvil binary, installing it first if needed. */
    public static Path binary() {
        return Tools.ensureNpmPackage(Tools.directory(), "anvil", "@foundry-rs/anvil-linux-amd64", VERSION,
                "node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil");
    }

    /**
     * Starts anvil on {@code port} (0 picks a free one). With a {@code stateFile} the chain is
     * loaded from it at start and written back on exit and every few seconds.
     */
    public static Anvil start(Path workDirectory, int port, Path stateFile) {
        int chosen = port == 0 ? Ports.free() : port;
        Ports.requireFree(chosen, "anvil");
        List<String> command = new ArrayList<>(List.of(binary().toString(),
                "--host", "127.0.0.1", "--port", String.valueOf(chosen),
                "--chain-id", String.valueOf(CHAIN_ID), "--accounts", "10"));
        if (stateFile != null) {
            command.addAll(List.of("--state", stateFile.toAbsolutePath().toString(), "--state-interval", "5"));
        }
        ChildProcess process = ChildProcess.start("anvil", command, Map.of(), workDirectory, workDirectory.resolve("anvil.log"));
        Anvil anvil = new Anvil(process, chosen);
        Ports.await(anvil::answers, Duration.ofSeconds(30), process, "anvil on port " + chosen);
        return anvil;
    }

    private boolean answers() {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(rpcUrl()))
                    .timeout(Duration.ofSeconds(2))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[]}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("result");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfrastructureException("interrupted while waiting for anvil", e);
        }
    }

    public String rpcUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the chain at once (tests of clients that must survive a lost connection). */
    public void kill() {
        process.kill();
    }

    @Override
    public void close() {
        process.close();
    }
}
