package io.flashback.launcher;

import io.flashback.infra.process.Ports;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A local platform for end-to-end tests: this checkout's jars, a temporary state directory, free ports. */
final class PlatformFixtures {

    private static final List<String> PORTS = List.of("POSTGRES", "KAFKA", "ANVIL", "GATEWAY", "REGISTRY", "MARKETPLACE", "ORCHESTRATOR",
            "MONITOR", "ORACLE", "BRIDGE_NODE", "BRIDGE_NODE_MANAGEMENT");

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PlatformFixtures() {
    }

    /**
     * Signs in through the gateway as a wallet does (EIP-4361 message with the registry's nonce,
     * ERC-191 signature) and returns the access token.
     */
    static String signIn(String gateway, ECKeyPair key) throws Exception {
        JsonNode nonce = JSON.readTree(post(gateway + "/api/registry/auth/nonce", "").body());
        String message = nonce.path("domain").asString() + " wants you to sign in with your Ethereum account:\n"
                + Keys.toChecksumAddress(Keys.getAddress(key)) + "\n\nSign in to Flashback.\n\n"
                + "URI: " + nonce.path("uriPrefix").asString() + "/\nVersion: 1\nChain ID: " + nonce.path("chainId").asLong()
                + "\nNonce: " + nonce.path("nonce").asString() + "\nIssued At: " + Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Sign.SignatureData signature = Sign.signPrefixedMessage(message.getBytes(StandardCharsets.UTF_8), key);
        String hex = Numeric.toHexString(signature.getR()) + Numeric.cleanHexPrefix(Numeric.toHexString(signature.getS()))
                + Numeric.cleanHexPrefix(Numeric.toHexString(signature.getV()));
        HttpResponse<String> session = post(gateway + "/api/registry/auth/siwe",
                JSON.writeValueAsString(Map.of("message", message, "signature", hex)));
        assertThat(session.statusCode()).as(session.body()).isEqualTo(200);
        return JSON.readTree(session.body()).path("accessToken").asString();
    }

    private static HttpResponse<String> post(String url, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(40))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static PlatformLayout onFreePorts(Path state) {
        Map<String, String> env = new HashMap<>();
        env.put("FLASHBACK_STATE_DIR", state.toString());
        PORTS.forEach(name -> env.put("FLASHBACK_" + name + "_PORT", String.valueOf(Ports.free())));
        return PlatformLayout.fromEnvironment(Path.of("..").toAbsolutePath().normalize(), env);
    }
}
