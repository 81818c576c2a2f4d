package io.flashback.orchestrator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.flashback.infra.testing.TestInfrastructure;
import io.flashback.security.testing.RegistryStandIn;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * One Spring context for the orchestrator's integration tests, on the shared PostgreSQL and Kafka and
 * one anvil per JVM with a deployed contract set the orchestrator follows, with an HTTP server in the
 * marketplace's place (its quote-signing key) and {@link RegistryStandIn} in the registry's, whose keys the tests hold.
 */
@SpringBootTest
@AutoConfigureMockMvc
public abstract class OrchestratorIntegrationTest {

    protected static final KeyPair MARKETPLACE_KEY = ed25519();
    /** The secret the payment provider signs its webhooks with in these tests. */
    protected static final String PAYMENT_WEBHOOK_SECRET = "orchestrator-it-payment-webhook-secret-0123456789";
    private static final RegistryStandIn REGISTRY = RegistryStandIn.start();
    protected static final OrchestratorTestChain CHAIN = OrchestratorTestChain.get();
    private static final HttpServer STAND_IN = standIn();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.get().springProperties("orchestrator_it", "orchestrator-service").forEach((key, value) -> registry.add(key, () -> value));
        String base = "http://127.0.0.1:" + STAND_IN.getAddress().getPort();
        registry.add("flashback.orchestrator.marketplace-url", () -> base);
        registry.add("flashback.security.jwks-uri", REGISTRY::jwksUri);
        registry.add("flashback.orchestrator.chain.address-book", OrchestratorIntegrationTest::addressBook);
        registry.add("flashback.orchestrator.chain.rpc-url", CHAIN::rpcUrl);
        registry.add("flashback.orchestrator.chain.poll-interval", () -> "200ms");
        // hourly chain epochs: a 1-day agreement is 24 of them
        registry.add("flashback.orchestrator.epoch-length", () -> "1h");
        // a fixed key for grant secrets at rest, as the local profile has one
        registry.add("flashback.orchestrator.credentials.key", () -> "Zmxhc2hiYWNrLW9yY2hlc3RyYXRvci10ZXN0LWtleSE=");
        // fiat payments on, as the local profile has them; refunds go out quickly so tests need not wait long
        registry.add("flashback.orchestrator.payments.webhook.secret", () -> PAYMENT_WEBHOOK_SECRET);
        registry.add("flashback.orchestrator.payments.refund-interval", () -> "500ms");
    }

    /** An access token as the registry issues it, for a wallet with the given {role: account id}. */
    protected static String bearer(String wallet, Map<String, UUID> accounts) {
        return REGISTRY.bearer(wallet, accounts);
    }

    /** A bridge node's access token as the registry issues it: subject node:<id>, role NODE, its public key in node_key. */
    protected static String nodeBearer(String nodeId, String nodeKey) {
        return REGISTRY.nodeBearer(nodeId, nodeKey);
    }

    private static String addressBook() {
        try {
            Path file = Files.createTempDirectory("orchestrator-it-").resolve("address-book.json");
            CHAIN.book().write(file);
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpServer standIn() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/quotes/signing-key", exchange -> json(exchange, "{\"algorithm\":\"Ed25519\",\"publicKey\":\""
                    + Base64.getEncoder().encodeToString(MARKETPLACE_KEY.getPublic().getEncoded()) + "\"}"));
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void json(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
