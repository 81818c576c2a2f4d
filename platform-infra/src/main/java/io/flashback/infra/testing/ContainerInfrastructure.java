package io.flashback.infra.testing;

import io.flashback.infra.process.InfrastructureException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * PostgreSQL 17 in a container, for machines with a Docker engine; Kafka stays the embedded broker
 * with SASL and ACLs (ADR 0008) so the tests exercise them here too.
 */
final class ContainerInfrastructure extends TestInfrastructure {

    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private final PostgreSQLContainer postgres;
    private final Path directory;

    private ContainerInfrastructure(PostgreSQLContainer postgres, Path directory) {
        this.postgres = postgres;
        this.directory = directory;
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static ContainerInfrastructure start() {
        PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:17");
        postgres.start();
        try {
            ContainerInfrastructure started = new ContainerInfrastructure(postgres, Files.createTempDirectory("flashback-test-kafka-"));
            started.startKafka(started.directory.resolve("kafka"));
            return started;
        } catch (IOException e) {
            postgres.stop();
            throw new InfrastructureException("cannot create a directory for Kafka: " + e.getMessage(), e);
        }
    }

    @Override
    public String jdbcUrl(String database) {
        if (!DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("not a valid database name: " + database);
        }
        try (Connection connection = DriverManager.getConnection(postgres.getJdbcUrl(), username(), password());
             Statement statement = connection.createStatement()) {
            if (!statement.executeQuery("select 1 from pg_database where datname = '" + database + "'").next()) {
                statement.execute("create database " + database);
            }
        } catch (SQLException e) {
            throw new InfrastructureException("cannot create database " + database + ": " + e.getMessage(), e);
        }
        return "jdbc:postgresql://" + postgres.getHost() + ":" + postgres.getMappedPort(5432) + "/" + database;
    }

    @Override
    public String username() {
        return postgres.getUsername();
    }

    @Override
    public String password() {
        return postgres.getPassword();
    }

    @Override
    protected void stop() {
        stopKafka();
        postgres.stop();
    }
}
