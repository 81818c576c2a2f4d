package io.flashback.monitor;

import io.flashback.security.testing.RegistryStandIn;
import io.flashback.infra.testing.SettableClock;
import io.flashback.events.EventCodec;
import io.flashback.events.IntegrationEvent;
import io.flashback.events.Topics;
import io.flashback.events.registry.NodeActivated;
import io.flashback.events.registry.NodeAnnounced;
import io.flashback.events.registry.NodeClaimed;
import io.flashback.infra.testing.TestInfrastructure;
import io.flashback.monitor.node.MonitoredNode;
import io.flashback.monitor.node.MonitoredNodes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/**
 * One Spring context for every monitor integration test, on the JVM's shared PostgreSQL and Kafka.
 * The jobs' schedules are off and the clock is the tests': each test sets the time its scenario
 * happens at and runs the jobs itself.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(TestClockConfiguration.class)
public abstract class MonitorIntegrationTest {

    protected static final SettableClock CLOCK = new SettableClock(Instant.parse("2026-11-23T12:00:00Z"));
    protected static final String LOCATION = "it-west";
    /** The node the audit test runs a real bridge node as; the only node with canary credentials. */
    protected static final UUID BRIDGE_NODE = UUID.fromString("b7d1e0c2-5a4f-4e3b-9c8d-7f6e5d4c3b2a");
    protected static final String CANARY_ACCESS_KEY = "AKMONITORCANARY";
    protected static final String CANARY_SECRET = "monitor-canary-secret-for-tests";

    /** The platform's canary keys are on: a node that fetches its key is audited with it (FetchingTheCanaryKeyIT). */
    protected static final String CANARY_KEY_SECRET = java.util.Base64.getEncoder().encodeToString(new java.security.SecureRandom().generateSeed(32));
    /** Signs the tokens requests carry, as registry-service does. */
    protected static final RegistryStandIn REGISTRY = RegistryStandIn.start();

    private static final EventCodec CODEC = new EventCodec();
    private static final Map<String, Reader> READERS = new HashMap<>();

    @Autowired
    protected MockMvc mvc;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected MonitoredNodes nodes;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.get().springProperties("monitor_it", "monitor-service").forEach((key, value) -> registry.add(key, () -> value));
        registry.add("flashback.security.jwks-uri", REGISTRY::jwksUri);
        registry.add("flashback.monitor.audit.canary-key-secret", () -> CANARY_KEY_SECRET);
        registry.add("flashback.events.poll-interval", () -> "200ms");
        // the test nodes listen on 127.0.0.1; outside tests and the local profile loopback is refused (#13 M1)
        registry.add("flashback.security.node-endpoints.allow-loopback", () -> "true");
        registry.add("flashback.monitor.probe-location", () -> LOCATION);
        registry.add("flashback.monitor.probe-interval", () -> "0s");
        registry.add("flashback.monitor.probe-timeout", () -> "1s");
        registry.add("flashback.monitor.audit.interval", () -> "0s");
        registry.add("flashback.monitor.audit.timeout", () -> "5s");
        registry.add("flashback.monitor.audit.canary-bytes", () -> "65536");
        registry.add("flashback.monitor.audit.throughput-bytes", () -> "65536");
        registry.add("flashback.monitor.retention.interval", () -> "0s");
        registry.add("flashback.monitor.reputation.interval", () -> "0s");
        registry.add("flashback.monitor.reputation.minimum-daily-probes", () -> "3");
        registry.add("flashback.monitor.reputation.warning-threshold", () -> "48");
        registry.add("flashback.monitor.canary-credentials[0].node-id", BRIDGE_NODE::toString);
        registry.add("flashback.monitor.canary-credentials[0].access-key-id", () -> CANARY_ACCESS_KEY);
        registry.add("flashback.monitor.canary-credentials[0].secret-access-key", () -> CANARY_SECRET);
    }

    /** Sends an event as its producing service would: CloudEvents JSON through the real broker, keyed by its aggregate. */
    protected static void publish(String topic, IntegrationEvent event) {
        publish(topic, event.aggregateId(), event);
    }

    protected static void publish(String topic, String key, IntegrationEvent event) {
        try {
            // as the service that owns the topic: the broker lets no one else write it (ADR 0008)
            TestInfrastructure.get().producerFor(topic).send(new ProducerRecord<>(topic, key, CODEC.encode(CODEC.envelope(event, "/flashback/test")))).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + event, e);
        }
    }

    /** Registry events that make a node claimed by {@code wallet} and active, awaited until the read model has them. */
    protected MonitoredNode activeNode(UUID node, String endpoint, String wallet) {
        Instant at = CLOCK.instant();
        publish(Topics.REGISTRY, new NodeAnnounced(UUID.randomUUID(), at, node, "0x" + "ab".repeat(20), endpoint, "s3,gcs", "eu-west",
                1L << 40, "0.1.0"));
        publish(Topics.REGISTRY, new NodeClaimed(UUID.randomUUID(), at, node, "0x" + "ab".repeat(20), wallet));
        publish(Topics.REGISTRY, new NodeActivated(UUID.randomUUID(), at, node, wallet, new BigDecimal("1000000000000000000000")));
        await().atMost(Duration.ofSeconds(30)).until(() -> nodes.find(node).map(MonitoredNode::probed).orElse(false));
        return nodes.find(node).orElseThrow();
    }

    /** A fresh provider wallet, so tests never share subjects. */
    protected static String newWallet() {
        return "0x" + (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "").substring(0, 40);
    }

    /** Waits for an event this service published (through its outbox) on {@code topic}. */
    protected static <T extends IntegrationEvent> T awaitPublished(String topic, Class<T> type, Predicate<T> matching) {
        Reader reader;
        synchronized (READERS) {
            reader = READERS.computeIfAbsent(topic, Reader::new);
        }
        return reader.awaitMatching(type, matching);
    }

    /** Everything this service published on {@code topic} so far that matches. */
    protected static <T extends IntegrationEvent> List<T> published(String topic, Class<T> type, Predicate<T> matching) {
        Reader reader;
        synchronized (READERS) {
            reader = READERS.computeIfAbsent(topic, Reader::new);
        }
        reader.poll();
        return reader.matching(type, matching);
    }

    private static final class Reader {

        private final KafkaConsumer<String, String> consumer;
        private final List<IntegrationEvent> received = new CopyOnWriteArrayList<>();

        Reader(String topic) {
            consumer = new KafkaConsumer<>(TestInfrastructure.get().kafkaClientAsAdmin(Map.of(
                    ConsumerConfig.GROUP_ID_CONFIG, "monitor-it-" + UUID.randomUUID(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class)));
            consumer.subscribe(List.of(topic));
        }

        synchronized void poll() {
            consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                IntegrationEvent event = CODEC.decode(record.value()).event();
                if (event != null) {
                    received.add(event);
                }
            });
        }

        <T extends IntegrationEvent> List<T> matching(Class<T> type, Predicate<T> matching) {
            return received.stream().filter(type::isInstance).map(type::cast).filter(matching).toList();
        }

        <T extends IntegrationEvent> T awaitMatching(Class<T> type, Predicate<T> matching) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                poll();
                return !matching(type, matching).isEmpty();
            });
            return matching(type, matching).getFirst();
        }
    }
}
