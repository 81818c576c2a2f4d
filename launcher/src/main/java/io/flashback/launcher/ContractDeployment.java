package io.flashback.launcher;

import io.flashback.chain.deploy.AddressBook;
import io.flashback.chain.deploy.Deployer;
import io.flashback.infra.anvil.Anvil;
import io.flashback.chain.web3j.contracts.BridgeNodeRegistry;
import io.flashback.chain.web3j.contracts.FlashToken;
import io.flashback.chain.web3j.contracts.LocalPriceFeed;
import io.flashback.chain.web3j.contracts.LocalStablecoin;
import io.flashback.chain.web3j.contracts.OracleHub;
import io.flashback.chain.web3j.contracts.SlaEscrow;
import io.flashback.infra.process.ChildProcess;
import io.flashback.infra.process.InfrastructureException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Stream;

import org.web3j.crypto.Credentials;
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
 * The contracts on the local chain: deployed by the first {@code up} with the state directory's own
 * governance key (never a public anvil key: it holds roles like {@code setValidators}) and the
 * {@link LocalChain} settings (epoch length, its generated validators), and kept (anvil's state is
 * saved) — a later {@code up} reuses the address book as long as the chain still has the registry's
 * code and the contracts are those of this build; contracts of an older build are refused with the fix.
 */
final class ContractDeployment {

    private ContractDeployment() {
    }

    /** 10 000 ether: what anvil gives its development accounts, for the generated keys' gas. */
    private static final String GAS_MONEY = "0x21e19e0c9bab2400000";

    static void ensureDeployed(Anvil anvil, Path addressBook, Path log, LocalChain chain, LocalSecrets secrets) {
        List<Credentials> validators = secrets.validators(chain.validators());
        Credentials governance = secrets.governance();
        Stream.concat(Stream.of(governance), validators.stream()).forEach(account -> fund(anvil, account.getAddress()));
        Path buildFile = addressBook.resolveSibling("contracts-build.sha256");
        if (Files.exists(addressBook) && hasCode(anvil, AddressBook.read(addressBook).registry().value())) {
            String deployed = read(buildFile);
            if (!CONTRACTS_BUILD.equals(deployed)) {
                throw new InfrastructureException("the contracts on the local chain (" + addressBook + ") were deployed by "
                        + (deployed.isEmpty() ? "an older Flashback" : "another build") + " and do not match this build's."
                        + " Start the local platform afresh: ./flashback down && rm -rf " + addressBook.getParent().getParent()
                        + " (its local data goes with it)");
            }
            System.out.println("contracts already deployed; address book " + addressBook);
            return;
        }
        List<String> command = new ArrayList<>(List.of(ChildProcess.currentJava(), "-Xmx256m", "-cp", ChildProcess.absoluteClassPath(),
                Deployer.class.getName(), "--rpc-url", anvil.rpcUrl(), "--deployer-key-file", secrets.directory().resolve("governance.key").toString(),
                "--out", addressBook.toString()));
        command.addAll(chain.deployerOptions(validators.stream().map(Credentials::getAddress).toList()));
        try (ChildProcess deployer = ChildProcess.start("deployer", command, Map.of(), addressBook.getParent(), log)) {
            int status = deployer.waitFor(Duration.ofMinutes(3));
            if (status != 0 || !Files.exists(addressBook)) {
                throw new InfrastructureException("deploying the contracts failed (status " + status + "); see " + log);
            }
        }
        try {
            Files.writeString(buildFile, CONTRACTS_BUILD + "\n");
        } catch (IOException e) {
            throw new InfrastructureException("cannot write " + buildFile + ": " + e.getMessage(), e);
        }
        System.out.println("contracts deployed (governance " + governance.getAddress() + "); address book " + addressBook);
    }

    /** A digest of the contracts this build deploys: their creation code. */
    static final String CONTRACTS_BUILD = digest(Stream.of(BridgeNodeRegistry.BINARY, OracleHub.BINARY, SlaEscrow.BINARY,
            FlashToken.BINARY, LocalStablecoin.BINARY, LocalPriceFeed.BINARY));

    private static String digest(Stream<String> parts) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            parts.forEach(part -> sha256.update(part.getBytes(StandardCharsets.US_ASCII)));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file).strip() : "";
        } catch (IOException e) {
            throw new InfrastructureException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Gives a generated account gas money on the local chain (anvil's {@code anvil_setBalance}). */
    private static void fund(Anvil anvil, String address) {
        String response = rpc(anvil, "anvil_setBalance", "\"" + address + "\",\"" + GAS_MONEY + "\"");
        if (!response.contains("\"result\"")) {
            throw new InfrastructureException("anvil did not fund " + address + ": " + response);
        }
    }

    private static boolean hasCode(Anvil anvil, String address) {
        String response = rpc(anvil, "eth_getCode", "\"" + address + "\",\"latest\"");
        return response.contains("\"result\":\"0x") && !response.contains("\"result\":\"0x\"");
    }

    private static String rpc(Anvil anvil, String method, String params) {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":[" + params + "]}";
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(anvil.rpcUrl())).timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
