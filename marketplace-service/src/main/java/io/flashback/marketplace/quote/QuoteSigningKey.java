package io.flashback.marketplace.quote;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * The quote-signing key pair in a file: line 1 the PKCS#8 private key, line 2 the X.509 public
 * key, both base64. Made on first start with owner-only permissions when the file is missing.
 */
public final class QuoteSigningKey {

    private QuoteSigningKey() {
    }

    public static KeyPair loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file).stream().map(String::strip).filter(line -> !line.isEmpty()).toList();
                if (lines.size() != 2) {
                    throw new IllegalStateException(file + " must hold two base64 lines: the PKCS#8 private key and the X.509 public key");
                }
                KeyFactory factory = KeyFactory.getInstance("Ed25519");
                return new KeyPair(factory.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(lines.get(1)))),
                        factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(lines.get(0)))));
            }
            KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), ".quote-key", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temporary, Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded()) + "\n"
                    + Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()) + "\n");
            Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return keys;
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot read or create the quote-signing key " + file + ": " + e.getMessage(), e);
        }
    }
}
