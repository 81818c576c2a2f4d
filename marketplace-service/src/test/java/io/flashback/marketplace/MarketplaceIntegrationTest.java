package io.flashback.marketplace;

import io.flashback.events.EventCodec;
import io.flashback.events.IntegrationEvent;
import io.flashback.infra.testing.TestInfrastructure;
import io.flashback.security.testing.RegistryStandIn;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One Spring context for every marketplace integration test, on the JVM's shared PostgreSQL and Kafka. */
@SpringBootTest
@AutoConfigureMockMvc
public abstract class MarketplaceIntegrationTest {

    private static final Path QUOTE_KEY = quoteKey();
    protected static final RegistryStandIn REGISTRY = RegistryStandIn.start();
    private static final EventCodec CODEC = new EventCodec();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.get().springProperties("marketplace_it", "marketplace-service").forEach((key, value) -> registry.add(key, () -> value));
        registry.add("flashback.marketplace.quote-signing-key-file", QUOTE_KEY::toString);
        registry.add("flashback.security.jwks-uri", REGISTRY::jwksUri);
    }

    /**
     * Sends an event as another service would (CloudEvents JSON through the real broker). Events
     * sharing a key share a partition and arrive in order.
     */
    protected static void publish(String topic, String key, IntegrationEvent event, String source)
            throws InterruptedException, ExecutionException, TimeoutException {
        // as the service that owns the topic: the broker lets no one else write it (ADR 0008)
        TestInfrastructure.get().producerFor(topic).send(new ProducerRecord<>(topic, key, CODEC.encode(CODEC.envelope(event, source)))).get(10, TimeUnit.SECONDS);
    }

    /** A Data Unit listed on {@code node} straight in the database (offered latency 30 ms), for tests of what moves it. */
    protected static UUID listedUnit(JdbcTemplate jdbc, UUID node, String region) {
        UUID unit = UUID.randomUUID();
        jdbc.update("""
                insert into data_unit (id, provider_id, node_id, state, listed, capacity_bytes, reserved_bytes, currency,
                  price_per_gb_month, egress_price_per_gb, reference_price, region, country, api_s3, api_gcs, availability_pct,
                  latency_ms, upload_mbps, download_mbps, error_rate_ppm, min_term_days, max_term_days, payment_methods,
                  encryption_at_rest, versioning, effective_latency_ms, created_at, updated_at)
                values (?, ?, ?, 'AVAILABLE', true, 1000000000, 0, 'USDC', 0.01, 0.01, 0.01, ?, 'DE', true, false, 99.9,
                  30, 100, 200, 100, 30, 365, array['fiat:USD'], true, false, 30, now(), now())""",
                unit, UUID.randomUUID(), node.toString(), region);
        return unit;
    }

    private static Path quoteKey() {
        try {
            return Files.createTempDirectory("marketplace-it-").resolve("quote-signing.key");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
