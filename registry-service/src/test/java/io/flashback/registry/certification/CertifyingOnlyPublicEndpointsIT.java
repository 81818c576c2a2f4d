package io.flashback.registry.certification;

import com.sun.net.httpserver.HttpServer;
import io.flashback.registry.RegistryIntegrationTest;
import io.flashback.registry.RegistryProperties;
import io.flashback.security.node.NodeAddressPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The certification checks, with the production rule (loopback refused), pointed at a real HTTP server on 127.0.0.1
 * standing for an internal service: not one request reaches it, and the run says why at once.
 */
class CertifyingOnlyPublicEndpointsIT extends RegistryIntegrationTest {

    @Autowired
    RegistryProperties properties;

    private HttpServer internal;
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void internalService() throws IOException {
        internal = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        internal.createContext("/", exchange -> {
            requests.incrementAndGet();
            try (exchange) {
                exchange.sendResponseHeaders(200, -1);
            }
        });
        internal.start();
    }

    @AfterEach
    void stop() {
        internal.stop(0);
    }

    @Test // #13 M1
    void aNodeWhoseNameResolvesToLoopbackIsNotSentAnyRequest() {
        S3NodeChecks checks = new S3NodeChecks(properties, new NodeAddressPolicy(false));

        NodeChecks.Report report = checks.run(URI.create("http://localhost:" + internal.getAddress().getPort()),
                new TestCredentials("FBTESTKEY0000000001", "secret-of-the-run-0000000000000000000000", "certification-run"));

        assertThat(report.checks()).singleElement().satisfies(check -> {
            assertThat(check.passed()).isFalse();
            assertThat(check.detail()).contains("not connected", "localhost (127.0.0.1) is a loopback address");
        });
        assertThat(requests).hasValue(0);
    }
}
