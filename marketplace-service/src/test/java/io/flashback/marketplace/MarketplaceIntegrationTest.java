package io.flashback.marketplace;

import io.flashback.events.EventCodec;
import io.flashback.events.IntegrationEvent;
import io.flashback.infra.testing.TestInfrastructure;
import io.flashback.security.testing.RegistryStandIn;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
    private static KafkaProducer<String, String> producer;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.get().springProperties("marketplace_it").forEach((key, value) -> registry.add(key, () -> value));
        registry.add("flashback.marketplace.quote-signing-key-file", QUOTE_KEY::toString);
        registry.add("flashback.security.jwks-uri", REGISTRY::jwksUri);
    }

    /**
     * Sends an event as another service would (CloudEvents JSON through the real broker). Events
     * sharing a key share a partition and arrive in order.
     */
    protected static void publish(String topic, String key, IntegrationEvent event, String source)
            throws InterruptedException, ExecutionException, TimeoutException {
        synchronized (MarketplaceIntegrationTest.class) {
            if (producer == null) {
                producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
            }
        }
        producer.send(new ProducerRecord<>(topic, key, CODEC.encode(CODEC.envelope(event, source)))).get(10, TimeUnit.SECONDS);
    }

    private static Path quoteKey() {
        try {
            return Files.createTempDirectory("marketplace-it-").resolve("quote-signing.key");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
