package io.flashback.infra.testing;

import io.flashback.infra.kafka.KafkaBroker;
import io.flashback.infra.postgres.EmbeddedPostgresServer;
import io.flashback.infra.process.InfrastructureException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * PostgreSQL and Kafka for a test JVM, started once and shared by every test class in it.
 * Embedded by default (zonky PostgreSQL, a Kafka broker from the jars); containers through
 * Testcontainers only when {@code FLASHBACK_TEST_INFRA=testcontainers} and a Docker engine answers.
 */
public abstract class TestInfrastructure {

    private static TestInfrastructure shared;

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
     * {@code database}: {@code TestInfrastructure.get().springProperties("x").forEach((k, v) -> registry.add(k, () -> v))}.
     */
    public java.util.Map<String, String> springProperties(String database) {
        return java.util.Map.of(
                "spring.datasource.url", jdbcUrl(database),
                "spring.datasource.username", username(),
                "spring.datasource.password", password(),
                "spring.kafka.bootstrap-servers", kafkaBootstrapServers());
    }

    /** JDBC URL of {@code database}, created if missing. */
    public abstract String jdbcUrl(String database);

    public abstract String username();

    public abstract String password();

    public abstract String kafkaBootstrapServers();

    protected abstract void stop();

    private static final class Embedded extends TestInfrastructure {

        private final Path directory;
        private final EmbeddedPostgresServer postgres;
        private final KafkaBroker kafka;

        private Embedded(Path directory, EmbeddedPostgresServer postgres, KafkaBroker kafka) {
            this.directory = directory;
            this.postgres = postgres;
            this.kafka = kafka;
        }

        static Embedded start() {
            try {
                Path directory = Files.createTempDirectory("flashback-test-infra-");
                EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(directory.resolve("postgres"), 0);
                KafkaBroker kafka = KafkaBroker.start(directory.resolve("kafka"), 0, 3);
                return new Embedded(directory, postgres, kafka);
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
        public String kafkaBootstrapServers() {
            return kafka.bootstrapServers();
        }

        @Override
        protected void stop() {
            kafka.close();
            postgres.close();
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // a leftover temporary directory is harmless
            }
        }
    }
}
