package io.flashback.orchestrator;

import com.sun.net.httpserver.HttpServer;
import io.flashback.infra.testing.TestInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * One Spring context for the orchestrator's integration tests, on the shared PostgreSQL and Kafka,
 * with an HTTP server in the marketplace's place that publishes a quote-signing key the tests hold.
 */
@SpringBootTest
public abstract class OrchestratorIntegrationTest {

    protected static final KeyPair MARKETPLACE_KEY = ed25519();
    private static final HttpServer MARKETPLACE = marketplaceKeyServer();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.get().springProperties("orchestrator_it").forEach((key, value) -> registry.add(key, () -> value));
        registry.add("flashback.orchestrator.marketplace-url", () -> "http://127.0.0.1:" + MARKETPLACE.getAddress().getPort());
    }

    private static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpServer marketplaceKeyServer() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/quotes/signing-key", exchange -> {
                byte[] body = ("{\"algorithm\":\"Ed25519\",\"publicKey\":\""
                        + Base64.getEncoder().encodeToString(MARKETPLACE_KEY.getPublic().getEncoded()) + "\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
