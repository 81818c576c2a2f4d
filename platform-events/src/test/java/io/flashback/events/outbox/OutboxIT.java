package io.flashback.events.outbox;

import io.flashback.events.EventCodec;
import io.flashback.events.EventEnvelope;
import io.flashback.events.Topics;
import io.flashback.events.registry.AccountRegistered;
import io.flashback.infra.testing.TestInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The outbox on a real PostgreSQL and a real Kafka broker. */
@SpringBootTest(classes = OutboxIT.OutboxApplication.class)
class OutboxIT {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class OutboxApplication {
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.get().springProperties("outbox_test", "registry-service").forEach((key, value) -> registry.add(key, () -> value));
        registry.add("spring.flyway.locations", () -> "classpath:db/platform");
        registry.add("flashback.events.source", () -> "/flashback/outbox-test");
        registry.add("flashback.events.topics", () -> Topics.REGISTRY);
        registry.add("flashback.events.poll-interval", () -> "200ms");
    }

    @Autowired
    Outbox outbox;
    @Autowired
    ProcessedEvents processedEvents;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactionManager;

    private final EventCodec codec = new EventCodec();
    private final List<ConsumerRecord<String, String>> received = new CopyOnWriteArrayList<>();
    private KafkaConsumer<String, String> consumer;

    @BeforeEach
    void subscribe() {
        consumer = new KafkaConsumer<>(TestInfrastructure.get().kafkaClientAsAdmin(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, "outbox-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class)));
        consumer.subscribe(List.of(Topics.REGISTRY));
    }

    @AfterEach
    void close() {
        consumer.close();
    }

    @Test
    void eventOfACommittedTransactionReachesKafkaAsACloudEventKeyedByItsAggregate() {
        AccountRegistered event = accountRegistered();

        new TransactionTemplate(transactionManager).executeWithoutResult(status -> outbox.publish(event));

        ConsumerRecord<String, String> record = awaitRecord(event.aggregateId());
        assertThat(new String(record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                .isEqualTo(EventEnvelope.CONTENT_TYPE);
        EventCodec.Decoded decoded = codec.decode(record.value());
        assertThat(decoded.event()).isEqualTo(event);
        assertThat(decoded.envelope().id()).isEqualTo(event.eventId().toString());
        assertThat(decoded.envelope().subject()).isEqualTo(event.aggregateId());
        assertThat(decoded.envelope().source()).isEqualTo("/flashback/outbox-test");
        await().atMost(Duration.ofSeconds(10)).until(() -> publishedAt(event.eventId()) != null);
    }

    @Test
    void eventOfARolledBackTransactionIsNeverPublished() {
        AccountRegistered rolledBack = accountRegistered();
        AccountRegistered committed = accountRegistered();

        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            outbox.publish(rolledBack);
            status.setRollbackOnly();
        });
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> outbox.publish(committed));

        awaitRecord(committed.aggregateId());
        assertThat(jdbc.queryForObject("select count(*) from outbox_event where event_id = ?", Long.class, rolledBack.eventId())).isZero();
        assertThat(received).noneMatch(record -> record.key().equals(rolledBack.aggregateId()));
    }

    @Test
    void publishingOutsideATransactionIsRefused() {
        assertThatThrownBy(() -> outbox.publish(accountRegistered())).isInstanceOf(IllegalTransactionStateException.class);
    }

    @Test
    void rowCommittedButNeverSentBeforeACrashIsSentByTheRelay() {
        AccountRegistered event = accountRegistered();
        String payload = codec.encode(codec.envelope(event, "/flashback/crashed-instance"));
        jdbc.update("insert into outbox_event (event_id, topic, message_key, event_type, payload, created_at) values (?, ?, ?, ?, ?, now())",
                event.eventId(), Topics.REGISTRY, event.aggregateId(), "io.flashback.registry.account-registered.v1", payload);

        ConsumerRecord<String, String> record = awaitRecord(event.aggregateId());

        assertThat(codec.decode(record.value()).event()).isEqualTo(event);
        await().atMost(Duration.ofSeconds(10)).until(() -> publishedAt(event.eventId()) != null);
    }

    @Test
    void aConsumerIsToldOnlyOnceThatAnEventIsNew() {
        UUID eventId = UUID.randomUUID();
        TransactionTemplate transactions = new TransactionTemplate(transactionManager);

        Boolean first = transactions.execute(status -> processedEvents.firstDelivery(eventId, "test-consumer"));
        Boolean again = transactions.execute(status -> processedEvents.firstDelivery(eventId, "test-consumer"));
        Boolean otherConsumer = transactions.execute(status -> processedEvents.firstDelivery(eventId, "another-consumer"));

        assertThat(first).isTrue();
        assertThat(again).isFalse();
        assertThat(otherConsumer).isTrue();
    }

    private ConsumerRecord<String, String> awaitRecord(String key) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            return received.stream().anyMatch(record -> record.key().equals(key));
        });
        return received.stream().filter(record -> record.key().equals(key)).findFirst().orElseThrow();
    }

    private Object publishedAt(UUID eventId) {
        return jdbc.queryForObject("select published_at from outbox_event where event_id = ?", Object.class, eventId);
    }

    private static AccountRegistered accountRegistered() {
        return new AccountRegistered(UUID.randomUUID(), Instant.parse("2026-11-23T10:00:00Z"), UUID.randomUUID(),
                "0x70997970c51812dc3a010c7d01b50e20d4dc79c8", "PROVIDER", "Acme");
    }
}
