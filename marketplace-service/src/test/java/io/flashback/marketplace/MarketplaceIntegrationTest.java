package io.flashback.marketplace;

import io.flashback.infra.testing.TestInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One Spring context for every marketplace integration test, on the JVM's shared PostgreSQL and Kafka. */
@SpringBootTest
@AutoConfigureMockMvc
public abstract class MarketplaceIntegrationTest {

    private static final Path QUOTE_KEY = quoteKey();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.get().springProperties("marketplace_it").forEach((key, value) -> registry.add(key, () -> value));
        registry.add("flashback.marketplace.quote-signing-key-file", QUOTE_KEY::toString);
    }

    private static Path quoteKey() {
        try {
            return Files.createTempDirectory("marketplace-it-").resolve("quote-signing.key");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
