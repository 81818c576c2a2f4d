package io.flashback.launcher;

import io.flashback.chain.deploy.AddressBook;
import io.flashback.chain.deploy.Deployer;
import io.flashback.infra.anvil.Anvil;
import io.flashback.infra.anvil.AnvilAccounts;
import io.flashback.infra.process.ChildProcess;
import io.flashback.infra.process.InfrastructureException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The contracts on the local chain: deployed by the first {@code up} with anvil's first
 * development key and the {@link LocalChain} settings (epoch length, validators), and kept
 * (anvil's state is saved) — a later {@code up} reuses the address book as long as the chain
 * still has the registry's code.
 */
final class ContractDeployment {

    private ContractDeployment() {
    }

    static void ensureDeployed(Anvil anvil, Path addressBook, Path log, LocalChain chain) {
        if (Files.exists(addressBook) && hasCode(anvil, AddressBook.read(addressBook).registry().value())) {
            System.out.println("contracts already deployed; address book " + addressBook);
            return;
        }
        List<String> command = new ArrayList<>(List.of(ChildProcess.currentJava(), "-Xmx256m", "-cp", ChildProcess.absoluteClassPath(),
                Deployer.class.getName(), "--rpc-url", anvil.rpcUrl(), "--deployer-key", AnvilAccounts.PRIVATE_KEYS.getFirst(),
                "--out", addressBook.toString()));
        command.addAll(chain.deployerOptions());
        try (ChildProcess deployer = ChildProcess.start("deployer", command, Map.of(), addressBook.getParent(), log)) {
            int status = deployer.waitFor(Duration.ofMinutes(3));
            if (status != 0 || !Files.exists(addressBook)) {
                throw new InfrastructureException("deploying the contracts failed (status " + status + "); see " + log);
            }
        }
        System.out.println("contracts deployed; address book " + addressBook);
    }

    private static boolean hasCode(Anvil anvil, String address) {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_getCode\",\"params\":[\"" + address + "\",\"latest\"]}";
        try (HttpClient http = HttpClient.newHttpClient()) {
            String response = http.send(HttpRequest.newBuilder(URI.create(anvil.rpcUrl())).timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return response.contains("\"result\":\"0x") && !response.contains("\"result\":\"0x\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
