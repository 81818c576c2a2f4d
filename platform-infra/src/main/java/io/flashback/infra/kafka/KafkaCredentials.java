package io.flashback.infra.kafka;

import io.flashback.infra.process.InfrastructureException;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The passwords of the broker's own principal and of every service principal ({@link KafkaAccess}):
 * random, made once per state directory (never committed, never defaulted) or per test JVM.
 */
public final class KafkaCredentials {

    /** The SASL mechanism of service clients. */
    public static final String MECHANISM = "SCRAM-SHA-512";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, String> passwords;

    private KafkaCredentials(Map<String, String> passwords) {
        this.passwords = Map.copyOf(passwords);
    }

    /** Fresh random passwords, kept only in memory (tests). */
    public static KafkaCredentials generate() {
        Map<String, String> passwords = new LinkedHashMap<>();
        passwords.put(KafkaAccess.ADMIN, randomPassword());
        KafkaAccess.principals().forEach(principal -> passwords.put(principal, randomPassword()));
        return new KafkaCredentials(passwords);
    }

    /**
     * The passwords kept in {@code file} (owner-only), made on first use; a principal added by a
     * newer version gets its password added.
     */
    public static synchronized KafkaCredentials loadOrCreate(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Properties stored = new Properties();
            if (Files.exists(file)) {
                try (Reader reader = Files.newBufferedReader(file)) {
                    stored.load(reader);
                }
            }
            Map<String, String> passwords = new HashMap<>();
            stored.stringPropertyNames().forEach(name -> passwords.put(name, stored.getProperty(name)));
            KafkaCredentials fresh = generate();
            boolean changed = false;
            for (Map.Entry<String, String> entry : fresh.passwords.entrySet()) {
                if (!passwords.containsKey(entry.getKey())) {
                    passwords.put(entry.getKey(), entry.getValue());
                    changed = true;
                }
            }
            if (changed) {
                write(file, passwords);
            }
            return new KafkaCredentials(passwords);
        } catch (IOException e) {
            throw new InfrastructureException("cannot read or write the Kafka passwords in " + file + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path file, Map<String, String> passwords) throws IOException {
        Properties properties = new Properties();
        properties.putAll(passwords);
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        try {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(temporary);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("another process writes " + temporary, e);
        }
        try (Writer writer = Files.newBufferedWriter(temporary)) {
            properties.store(writer, "Kafka SASL/SCRAM passwords of this local platform (ADR 0008); generated, keep private");
        }
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The password of {@code principal} (a service or {@link KafkaAccess#ADMIN}). */
    public String password(String principal) {
        String password = passwords.get(principal);
        if (password == null) {
            throw new IllegalArgumentException("no Kafka password for " + principal);
        }
        return password;
    }

    /** Client properties that authenticate as the service {@code principal} on {@code bootstrapServers}. */
    public Map<String, Object> clientProperties(String principal, String bootstrapServers) {
        return clientProperties(bootstrapServers, MECHANISM, principal, password(principal));
    }

    /** Client properties for a SASL_PLAINTEXT connection with {@code mechanism} (loopback only: ADR 0008). */
    public static Map<String, Object> clientProperties(String bootstrapServers, String mechanism, String username, String password) {
        return Map.of("bootstrap.servers", bootstrapServers,
                "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", mechanism,
                "sasl.jaas.config", jaasConfig(mechanism, username, password));
    }

    /** A client JAAS line for {@code mechanism} (PLAIN or SCRAM-*), quoting the values as JAAS requires. */
    public static String jaasConfig(String mechanism, String username, String password) {
        String module = mechanism.startsWith("SCRAM-")
                ? "org.apache.kafka.common.security.scram.ScramLoginModule"
                : "org.apache.kafka.common.security.plain.PlainLoginModule";
        return module + " required username=\"" + quoted(username) + "\" password=\"" + quoted(password) + "\";";
    }

    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
