package io.flashback.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A process of the platform the launcher starts: its jar, its arguments and environment, and
 * the URL that says when it is ready.
 */
public record PlatformService(String name, int port, Path jar, List<String> arguments, Map<String, String> environment,
                              String healthUrl, String publicUrl) {

    /**
     * A Spring Boot service of this repository, run with the {@code local} profile (its secrets, such as its Kafka
     * and database passwords, are added when it starts: {@link PlatformLayout#secretEnvironment}).
     */
    static PlatformService springService(Path root, Path stateDirectory, String module, int port, LocalPorts ports) {
        return new PlatformService(module, port, root.resolve(module).resolve("target").resolve(module + ".jar"),
                List.of("--spring.profiles.active=local"), baseEnvironment(stateDirectory, port, ports),
                "http://127.0.0.1:" + port + "/actuator/health/readiness",
                "http://127.0.0.1:" + port);
    }

    private static Map<String, String> baseEnvironment(Path stateDirectory, int port, LocalPorts ports) {
        return Map.ofEntries(Map.entry("SERVER_PORT", String.valueOf(port)),
                        Map.entry("FLASHBACK_POSTGRES_PORT", String.valueOf(ports.postgres())),
                        Map.entry("FLASHBACK_KAFKA_PORT", String.valueOf(ports.kafka())),
                        Map.entry("FLASHBACK_ANVIL_PORT", String.valueOf(ports.anvil())),
                        Map.entry("FLASHBACK_STATE_DIR", stateDirectory.toString()),
                        // where services fetch the registry's token keys (JWKS) and how sign-in messages name the dashboard
                        Map.entry("FLASHBACK_REGISTRY_URL", "http://127.0.0.1:" + ports.registry()),
                        // where the orchestrator fetches the marketplace's quote-signing key
                        Map.entry("FLASHBACK_MARKETPLACE_URL", "http://127.0.0.1:" + ports.marketplace()),
                        Map.entry("FLASHBACK_GATEWAY_PORT", String.valueOf(ports.gateway())),
                        // behind the gateway: reachable from this machine only, never from the network around it
                        Map.entry("SERVER_ADDRESS", "127.0.0.1"),
                        Map.entry("FLASHBACK_ADDRESS_BOOK", stateDirectory.resolve("anvil").resolve("address-book.json").toString()));
    }
}
