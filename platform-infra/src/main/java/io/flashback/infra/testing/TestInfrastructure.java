package io.flashback.infra.testing;

import io.flashback.infra.kafka.KafkaAccess;
import io.flashback.infra.kafka.KafkaBroker;
import io.flashback.infra.kafka.KafkaCredentials;
import io.flashback.infra.postgres.EmbeddedPostgresServer;
import io.flashback.infra.process.InfrastructureException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * PostgreSQL and Kafka for a test JVM, started once and shared by every test class in it.
 * Embedded by default (zonky PostgreSQL, a Kafka broker from the jars); PostgreSQL in a container
 * through Testcontainers only when {@code FLASHBACK_TEST_INFRA=testcontainers} and a Docker engine
 * answers. Kafka is always the embedded {@link KafkaBroker} with SASL/SCRAM and the services' ACLs
 * (ADR 0008), so every test that touches Kafka goes through them; its passwords are random per JVM.
 */
public abstract class TestInfrastructure {

    private static TestInfrastructure shared;

    private KafkaBroker kafka;
    private final Map<String, KafkaProducer<String, String>> producers = new ConcurrentHashMap<>();

    /** The JVM's shared infrastructure, started on first use. */
    public static synchronized TestInfrastructure get() {
        if (shared == null) {
            shared = "testcontainers".equalsIgnoreCase(System.getenv("FLASHBACK_TEST_INFRA")) && ContainerInfrastructure.dockerAvailable()
                    ? ContainerInfrastructure.start()
                    : Embedded.start();
            TestInfrastructure started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "test-infrastructure-stop"));
        }
        return shared;
    }

    /**
     * The Spring Boot properties that point a service at this infrastructure with its own
     * {@code database}, on Kafka as {@code kafkaPrincipal} (a {@link KafkaAccess} service):
     * {@code TestInfrastructure.get().springProperties("x", "x-service").forEach((k, v) -> registry.add(k, () -> v))}.
     */
    public Map<String, String> springProperties(String database, String kafkaPrincipal) {
        return Map.of(
                "spring.datasource.url", jdbcUrl(database),
                "spring.datasource.username", username(),
                "spring.datasource.password", password(),
                "spring.kafka.bootstrap-servers", kafkaBootstrapServers(),
                // SASL without TLS: the broker is on loopback (ADR 0008)
                "spring.kafka.security.protocol", "SASL_PLAINTEXT",
                "flashback.kafka.username", kafkaPrincipal,
                "flashback.kafka.password", kafka.credentials().password(KafkaAccess.of(kafkaPrincipal).principal()));
    }

    /** The service listener of the broker; a client also needs {@link #kafkaClientAs} to get in. */
    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** {@code settings} plus what authenticates a client as the service {@code principal}. */
    public Map<String, Object> kafkaClientAs(String principal, Map<String, ?> settings) {
        Map<String, Object> properties = new HashMap<>(settings);
        properties.putAll(kafka.clientProperties(KafkaAccess.of(principal).principal()));
        return properties;
    }

    /**
     * {@code settings} plus what authenticates a client as the broker's super user: for a test that
     * only watches what a service published, in any consumer group, never for a service's own traffic.
     */
    public Map<String, Object> kafkaClientAsAdmin(Map<String, ?> settings) {
        Map<String, Object> properties = new HashMap<>(settings);
        properties.putAll(kafka.adminProperties());
        return properties;
    }

    /**
     * A producer authenticated as the one service that may write {@code topic}: how a test plays
     * that service's part (the ACLs refuse anyone else).
     */
    public KafkaProducer<String, String> producerFor(String topic) {
        String owner = KafkaAccess.SERVICES.stream().filter(access -> access.writes().contains(topic)).findFirst()
                .map(KafkaAccess::principal)
                .orElseThrow(() -> new IllegalArgumentException("no service may write " + topic));
        return producers.computeIfAbsent(owner, principal -> new KafkaProducer<>(kafkaClientAs(principal, Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))));
    }

    /** The embedded broker, for tests of its security. */
    public KafkaBroker kafkaBroker() {
        return kafka;
    }

    /** Starts the Kafka broker every kind of infrastructure shares, under {@code directory}. */
    protected final void startKafka(Path directory) {
        kafka = KafkaBroker.start(directory, 0, 3, KafkaCredentials.generate());
    }

    protected final void stopKafka() {
        producers.values().forEach(KafkaProducer::close);
        if (kafka != null) {
            kafka.close();
        }
    }

    /** JDBC URL of {@code database}, created if missing. */
    public abstract String jdbcUrl(String database);

    public abstract String username();

    public abstract String password();

    protected abstract void stop();

    private static final class Embedded extends TestInfrastructure {

        private final Path directory;
        private final EmbeddedPostgresServer postgres;

        private Embedded(Path directory, EmbeddedPostgresServer postgres) {
            this.directory = directory;
            this.postgres = postgres;
        }

        static Embedded start() {
            try {
                Path directory = Files.createTempDirectory("flashback-test-infra-");
                EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(directory.resolve("postgres"), 0);
                Embedded started = new Embedded(directory, postgres);
                started.startKafka(directory.resolve("kafka"));
                return started;
            } catch (IOException e) {
                throw new InfrastructureException("cannot create a directory for test infrastructure: " + e.getMessage(), e);
            }
        }

        @Override
        public String jdbcUrl(String database) {
            postgres.createDatabaseIfMissing(database);
            return postgres.jdbcUrl(database);
        }

        @Override
        public String username() {
            return EmbeddedPostgresServer.USER;
        }

        @Override
        public String password() {
            return "";
        }

        @Override
        protected void stop() {
            stopKafka();
            postgres.close();
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // a leftover temporary directory is harmless
            }
        }
    }
}
