package io.flashback.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A service's own secret key (32 random bytes or more, base64) from its configuration: given as text, or in a file
 * that the {@code local} profile may have made at the first start (0600, never overwritten, safe when two instances
 * start at once). Never from the database, never logged.
 */
public final class ConfiguredSecret {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ConfiguredSecret() {
    }

    /**
     * @param base64   the key as configured, or blank
     * @param file     or a file holding it, or null
     * @param create   make the file with a new random key when it does not exist
     * @param property the setting's name, for the messages
     */
    public static byte[] read(String base64, Path file, boolean create, String property) {
        String text = readText(base64, file, create, property);
        if (text == null) {
            throw new IllegalStateException(property + " (or " + property + "-file) must hold base64 of 32 random bytes"
                    + " (e.g. $(openssl rand -base64 32))");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + " is not valid base64", e);
        }
        if (key.length < 32) {
            throw new IllegalStateException(property + " must be at least 32 bytes (base64 of 32 random bytes), not " + key.length);
        }
        return key;
    }

    /**
     * The secret's text as configured: {@code value} when given, else the file's content (made first, with base64 of
     * 32 random bytes, when {@code create} and missing), else null.
     */
    public static String readText(String value, Path file, boolean create, String property) {
        if (value != null && !value.isBlank()) {
            return value.strip();
        }
        if (file == null) {
            return null;
        }
        try {
            if (create && !Files.exists(file)) {
                createFile(file);
            }
            String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return text.isEmpty() ? null : text;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + property + "-file " + file, e);
        }
    }

    private static void createFile(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempFile(parent, "secret", ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        Files.writeString(temporary, Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII);
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            Files.delete(temporary); // another instance made it first
        }
    }
}
