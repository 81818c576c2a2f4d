package io.flashback.launcher;

import java.util.Map;

/**
 * The ports of a local platform. Each can be changed with an environment variable
 * ({@code FLASHBACK_<NAME>_PORT}, e.g. {@code FLASHBACK_GATEWAY_PORT=9080}).
 */
public record LocalPorts(int postgres, int kafka, int anvil, int gateway, int registry, int marketplace,
                         int orchestrator, int monitor, int oracle, int bridgeNode, int bridgeNodeManagement, int gatewayManagement) {

    public static LocalPorts fromEnvironment(Map<String, String> env) {
        return new LocalPorts(
                port(env, "POSTGRES", 15432), port(env, "KAFKA", 19092), port(env, "ANVIL", 18545),
                port(env, "GATEWAY", 8080), port(env, "REGISTRY", 8081), port(env, "MARKETPLACE", 8082),
                port(env, "ORCHESTRATOR", 8083), port(env, "MONITOR", 8084), port(env, "ORACLE", 8085),
                port(env, "BRIDGE_NODE", 9000), port(env, "BRIDGE_NODE_MANAGEMENT", 9001),
                port(env, "GATEWAY_MANAGEMENT", 8090));
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get("FLASHBACK_" + name + "_PORT");
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.strip());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new LauncherException("FLASHBACK_" + name + "_PORT must be a port number (1-65535), not '" + value + "'");
        }
    }
}
