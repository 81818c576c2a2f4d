package io.flashback.infra.postgres;

import io.flashback.infra.process.InfrastructureException;
import io.flashback.infra.process.Ports;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * PostgreSQL 17 from the zonky binaries, one server with one database per service. The data
 * directory is kept, so a restart finds the databases it left.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String USER = "postgres";
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts the server on {@code port} (0 picks a free one) with its data under {@code dataDirectory}.
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port) {
        int chosen = port == 0 ? Ports.free() : port;
        Ports.requireFree(chosen, "PostgreSQL");
        try {
            Files.createDirectories(dataDirectory);
            Path runtime = dataDirectory.resolveSibling(dataDirectory.getFileName() + "-runtime");
            Files.createDirectories(runtime);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(runtime.toFile())
                    .setPort(chosen)
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "on")
                    .start();
            return new EmbeddedPostgresServer(postgres);
        } catch (IOException e) {
            throw new InfrastructureException("embedded PostgreSQL did not start in " + dataDirectory + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** Creates the database unless it exists; names are checked, since they go into DDL. */
    public EmbeddedPostgresServer createDatabaseIfMissing(String database) {
        if (!DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("not a valid database name: " + database);
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return this;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("create database " + database);
            }
            return this;
        } catch (SQLException e) {
            throw new InfrastructureException("cannot create database " + database + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new InfrastructureException("embedded PostgreSQL did not stop cleanly: " + e.getMessage(), e);
        }
    }
}
