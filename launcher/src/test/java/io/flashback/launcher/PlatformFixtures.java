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
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** A local platform for end-to-end tests: this checkout's jars, a temporary state directory, free ports. */
final class PlatformFixtures {

    private static final List<String> PORTS = List.of("POSTGRES", "KAFKA", "ANVIL", "GATEWAY", "REGISTRY", "MARKETPLACE", "ORCHESTRATOR",
            "MONITOR", "ORACLE", "BRIDGE_NODE", "BRIDGE_NODE_MANAGEMENT", "GATEWAY_MANAGEMENT");

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PlatformFixtures() {
    }

    /**
     * Signs in through the gateway as a wallet does (EIP-4361 message with the registry's nonce,
     * ERC-191 signature) and returns the access token.
     */
    static String signIn(String gateway, ECKeyPair key) throws Exception {
        return signInSession(gateway, key).path("accessToken").asString();
    }

    /** Signs in as {@link #signIn} does and returns the whole session (access and refresh tokens). */
    static JsonNode signInSession(String gateway, ECKeyPair key) throws Exception {
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
        return JSON.readTree(session.body());
    }

    /** Registers the wallet's account with the role (signed in without one) and signs in again for a token that carries it. */
    static String session(String gateway, org.web3j.crypto.Credentials wallet, String role, String displayName) throws Exception {
        String anonymous = signIn(gateway, wallet.getEcKeyPair());
        HttpResponse<String> registered = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/api/registry/accounts"))
                .timeout(Duration.ofSeconds(40)).header("Content-Type", "application/json").header("Authorization", "Bearer " + anonymous)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("wallet", wallet.getAddress().toLowerCase(),
                        "role", role, "displayName", displayName)))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        return signIn(gateway, wallet.getEcKeyPair());
    }

    private static HttpResponse<String> post(String url, String json) throws Exception {
        return post(url, null, json);
    }

    /** A JSON POST, with the bearer token when there is one. */
    static HttpResponse<String> post(String url, String accessToken, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(40))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (accessToken != null) request.header("Authorization", "Bearer " + accessToken);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET with the bearer token. */
    static HttpResponse<String> get(String url, String accessToken) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(40))
                .header("Authorization", "Bearer " + accessToken).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The provider's node as its list of nodes shows it (state, collateral, heartbeat). */
    static JsonNode providersNode(String gateway, String providerToken, UUID nodeId) throws Exception {
        HttpResponse<String> mine = get(gateway + "/api/registry/nodes", providerToken);
        assertThat(mine.statusCode()).as(mine.body()).isEqualTo(200);
        for (JsonNode view : JSON.readTree(mine.body())) {
            if (view.path("id").asString().equals(nodeId.toString())) return view;
        }
        throw new AssertionError("node " + nodeId + " not in the provider's list: " + mine.body());
    }

    /** The agreement's state as the caller (its consumer or provider) sees it. */
    static String agreementState(String gateway, String accessToken, UUID agreementId) throws Exception {
        HttpResponse<String> seen = get(gateway + "/api/orchestrator/agreements/" + agreementId, accessToken);
        assertThat(seen.statusCode()).as(seen.body()).isEqualTo(200);
        return JSON.readTree(seen.body()).path("state").asString();
    }

    /** The word a bridge node printed after {@code label} in its console (its node id, its secret). */
    static String printed(String log, String label) {
        Matcher matcher = Pattern.compile(Pattern.quote(label) + "\\s+(\\S+)").matcher(log);
        assertThat(matcher.find()).as(label + " in the node's output").isTrue();
        return matcher.group(1);
    }

    static PlatformLayout onFreePorts(Path state) {
        return onFreePorts(state, Map.of());
    }

    /** With {@code settings} in the environment the platform is started from (chain settings, services' settings). */
    static PlatformLayout onFreePorts(Path state, Map<String, String> settings) {
        Map<String, String> env = new HashMap<>(settings);
        env.put("FLASHBACK_STATE_DIR", state.toString());
        // a test's platform lives once: training start-up caches for a next start would only take the cores from the test
        env.putIfAbsent("FLASHBACK_STARTUP_CACHES", "off");
        PORTS.forEach(name -> env.put("FLASHBACK_" + name + "_PORT", String.valueOf(Ports.free())));
        return PlatformLayout.fromEnvironment(Path.of("..").toAbsolutePath().normalize(), env);
    }
}
