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
 * directory is kept, so a restart finds the databases it left. Tests run it open on loopback; the
 * local platform ({@link #startWithPasswords}) requires a password of every connection, the
 * superuser's included, and gives each service its own role owning its own database.
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
        return start(dataDirectory, port, null);
    }

    /**
     * Starts the server with every connection authenticated by password (SCRAM): the superuser's is
     * {@code superuserPassword}. The first start sets it and then closes the open door initdb leaves.
     */
    public static EmbeddedPostgresServer startWithPasswords(Path dataDirectory, int port, String superuserPassword) {
        if (superuserPassword == null || superuserPassword.isBlank()) {
            throw new IllegalArgumentException("a superuser password is required");
        }
        EmbeddedPostgresServer server = start(dataDirectory, port, superuserPassword);
        try {
            server.requirePasswords(dataDirectory, superuserPassword);
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private static EmbeddedPostgresServer start(Path dataDirectory, int port, String superuserPassword) {
        int chosen = port == 0 ? Ports.free() : port;
        Ports.requireFree(chosen, "PostgreSQL");
        try {
            Files.createDirectories(dataDirectory);
            Path runtime = dataDirectory.resolveSibling(dataDirectory.getFileName() + "-runtime");
            Files.createDirectories(runtime);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            if (superuserPassword != null) {
                builder.setConnectConfig("password", superuserPassword);
            }
            EmbeddedPostgres postgres = builder
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

    /**
     * Gives {@code role} (made if missing, its password set to {@code password}) the database: it owns it, and
     * so its {@code public} schema; nobody else but the superuser may connect to it.
     */
    public EmbeddedPostgresServer createRoleOwning(String database, String role, String password) {
        createDatabaseIfMissing(database);
        if (!DATABASE_NAME.matcher(role).matches()) {
            throw new IllegalArgumentException("not a valid role name: " + role);
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            boolean exists;
            try (ResultSet rows = statement.executeQuery("select 1 from pg_roles where rolname = '" + role + "'")) {
                exists = rows.next();
            }
            statement.execute((exists ? "alter role " : "create role ") + role + " login password " + literal(password));
            statement.execute("alter database " + database + " owner to " + role);
            statement.execute("revoke all on database " + database + " from public");
            return this;
        } catch (SQLException e) {
            throw new InfrastructureException("cannot give database " + database + " to role " + role + ": " + e.getMessage(), e);
        }
    }

    /** Sets the superuser's password, then makes every connection (local socket and loopback) authenticate by SCRAM. */
    private void requirePasswords(Path dataDirectory, String superuserPassword) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("set password_encryption = 'scram-sha-256'");
            statement.execute("alter role " + USER + " password " + literal(superuserPassword));
            Files.writeString(dataDirectory.resolve("pg_hba.conf"), """
                    # Written by Flashback's local platform: every connection authenticates with its role's password.
                    local   all   all                  scram-sha-256
                    host    all   all   127.0.0.1/32   scram-sha-256
                    host    all   all   ::1/128        scram-sha-256
                    """);
            statement.execute("select pg_reload_conf()");
        } catch (SQLException | IOException e) {
            throw new InfrastructureException("cannot require passwords of PostgreSQL connections: " + e.getMessage(), e);
        }
    }

    /** A string literal for DDL, which takes no bind parameters. */
    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
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
