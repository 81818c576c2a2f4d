package io.flashback.infra.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue #13 H4: the embedded broker, set up as every local platform and test uses it, refuses
 * clients without SASL or with a wrong password, and lets each service principal write only its
 * own topics, read only what it consumes and join only its own consumer groups (ADR 0008).
 */
class KafkaAdmitsEachServiceOnlyToItsOwnTopicsTest {

    private static final Map<String, Object> QUICK = Map.of(
            "request.timeout.ms", 3000, "default.api.timeout.ms", 6000, "max.block.ms", 6000, "delivery.timeout.ms", 6000,
            "reconnect.backoff.max.ms", 500);

    @TempDir
    static Path directory;

    private static KafkaBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = KafkaBroker.start(directory.resolve("kafka"), 0, 1, KafkaCredentials.generate());
        Set<String> topics = KafkaAccess.SERVICES.stream().flatMap(access -> access.writes().stream()).collect(Collectors.toSet());
        try (Admin admin = Admin.create(broker.adminProperties())) {
            admin.createTopics(topics.stream().map(topic -> new NewTopic(topic, 1, (short) 1)).toList()).all().get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    /** Without SASL the broker drops the connection, so the client never finds a broker it may talk to. */
    @Test // #13 H4
    void anAnonymousClientCannotListTopicsOrConsumerGroups() {
        Map<String, Object> anonymous = new HashMap<>(QUICK);
        anonymous.put("bootstrap.servers", broker.bootstrapServers());
        try (Admin admin = Admin.create(anonymous)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(TimeoutException.class);
            assertThatThrownBy(() -> admin.listGroups().all().get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(KafkaException.class)
                    .hasMessageContaining("Failed to find brokers");
        }
    }

    @Test // #13 H4
    void aServicePrincipalWithAWrongPasswordIsRefused() {
        Map<String, Object> wrong = new HashMap<>(QUICK);
        wrong.putAll(KafkaCredentials.clientProperties(broker.bootstrapServers(), KafkaCredentials.MECHANISM,
                "orchestrator-service", "not-the-password"));
        try (Admin admin = Admin.create(wrong)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test // #13 H4
    void theBrokersOwnListenerRefusesAServicePrincipal() {
        Map<String, Object> service = new HashMap<>(QUICK);
        service.putAll(broker.adminProperties());
        service.put("sasl.jaas.config", KafkaCredentials.jaasConfig("PLAIN", "marketplace-service",
                broker.credentials().password("marketplace-service")));
        try (Admin admin = Admin.create(service)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test // #13 H4
    void everyServiceWritesItsOwnTopics() throws Exception {
        for (KafkaAccess access : KafkaAccess.SERVICES) {
            try (KafkaProducer<String, String> producer = producerAs(access.principal())) {
                for (String topic : access.writes()) {
                    assertThat(producer.send(new ProducerRecord<>(topic, "key", "{}")).get(10, TimeUnit.SECONDS).topic()).isEqualTo(topic);
                }
            }
        }
    }

    @Test // #13 H4
    void theMarketplaceCannotWriteTheOrchestratorsTopic() {
        try (KafkaProducer<String, String> producer = producerAs("marketplace-service")) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("flashback.orchestrator.v1", "agreement", "{}")).get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test // #13 H4
    void noServiceWritesATopicItDoesNotOwn() {
        for (KafkaAccess access : KafkaAccess.SERVICES) {
            List<String> others = KafkaAccess.SERVICES.stream().flatMap(other -> other.writes().stream())
                    .filter(topic -> !access.writes().contains(topic)).distinct().toList();
            try (KafkaProducer<String, String> producer = producerAs(access.principal())) {
                for (String topic : others) {
                    assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "key", "{}")).get(10, TimeUnit.SECONDS))
                            .as("%s writing %s", access.principal(), topic)
                            .isInstanceOf(ExecutionException.class).cause().isInstanceOf(TopicAuthorizationException.class);
                }
            }
        }
    }

    @Test // #13 H4
    void aServiceListsOnlyTheTopicsItUses() throws Exception {
        try (Admin admin = Admin.create(clientAs("registry-service", Map.of()))) {
            assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS))
                    .containsExactlyInAnyOrder("flashback.registry.v1", "flashback.orchestrator.v1");
        }
    }

    @Test // #13 H4
    void aServiceCannotReadATopicItDoesNotConsume() {
        try (KafkaConsumer<String, String> consumer = consumerAs("registry-service", "registry-service.snooping")) {
            consumer.subscribe(List.of("flashback.sla.v1"));
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10))).isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test // #13 H4
    void aServiceCannotJoinAnotherServicesConsumerGroup() {
        try (KafkaConsumer<String, String> consumer = consumerAs("marketplace-service", "orchestrator-service.fiat-settlement")) {
            consumer.subscribe(List.of("flashback.registry.v1"));
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10))).isInstanceOf(GroupAuthorizationException.class);
        }
    }

    @Test // #13 H4
    void aServiceReadsWhatItConsumesInItsOwnGroup() {
        try (KafkaConsumer<String, String> consumer = consumerAs("marketplace-service", "marketplace-service.acl-test")) {
            consumer.subscribe(List.of("flashback.registry.v1"));
            consumer.poll(Duration.ofSeconds(2));
            assertThat(consumer.subscription()).containsExactly("flashback.registry.v1");
        }
    }

    private static KafkaProducer<String, String> producerAs(String principal) {
        return new KafkaProducer<>(clientAs(principal, Map.of(ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class)));
    }

    private static KafkaConsumer<String, String> consumerAs(String principal, String group) {
        return new KafkaConsumer<>(clientAs(principal, Map.of(ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class)));
    }

    private static Map<String, Object> clientAs(String principal, Map<String, Object> settings) {
        Map<String, Object> properties = new HashMap<>(QUICK);
        properties.keySet().removeIf(key -> !key.endsWith("timeout.ms") || settings.containsKey(key));
        properties.putAll(settings);
        properties.putAll(broker.clientProperties(principal));
        return properties;
    }
}
