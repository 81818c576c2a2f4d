package io.flashback.bridge.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.core.JacksonException;

/**
 * What the platform told this node when it announced itself, kept in {@code DATA_DIR/platform/registration.json}
 * (0600: the secret lets a provider claim the node) so that a restart neither announces again nor loses the id.
 *
 * @param secret   what a provider needs to get a claim code; null once the node is claimed
 * @param provider the wallet that claimed the node through this node, or null
 */
public record Registration(URI platform, UUID nodeId, String nodeAddress, String secret, NodeDetails details, Instant announcedAt,
                           String provider) {
    static final String FILE = "registration.json";

    public boolean claimed() {
        return provider != null;
    }

    Registration claimedBy(String providerWallet) {
        return new Registration(platform, nodeId, nodeAddress, null, details, announcedAt, providerWallet);
    }

    /** Whether this registration already says what an announcement with these values would say. */
    boolean covers(URI platformUrl, String address, NodeDetails current) {
        return platform.equals(platformUrl) && nodeAddress.equalsIgnoreCase(address) && details.equals(current);
    }

    public static Optional<Registration> read(Path dataDir) {
        Path file = dataDir.resolve("platform").resolve(FILE);
        if (!Files.exists(file)) return Optional.empty();
        try {
            return Optional.of(PlatformClient.JSON.readValue(Files.readString(file), Registration.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (JacksonException e) {
            throw new IllegalStateException(file + " is damaged (" + e.getOriginalMessage() + "); delete it to announce the node again", e);
        }
    }

    void write(Path dataDir) {
        PlatformFiles.writePrivate(PlatformFiles.directory(dataDir).resolve(FILE), PlatformClient.JSON.writeValueAsString(this));
    }

    @Override
    public String toString() {
        return "Registration[" + nodeId + " " + nodeAddress + " at " + platform + (claimed() ? ", claimed by " + provider : "") + "]";
    }
}
