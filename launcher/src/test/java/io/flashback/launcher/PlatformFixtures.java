package io.flashback.launcher;

import io.flashback.infra.process.Ports;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A local platform for end-to-end tests: this checkout's jars, a temporary state directory, free ports. */
final class PlatformFixtures {

    private static final List<String> PORTS = List.of("POSTGRES", "KAFKA", "ANVIL", "GATEWAY", "REGISTRY", "MARKETPLACE", "ORCHESTRATOR",
            "MONITOR", "ORACLE", "BRIDGE_NODE", "BRIDGE_NODE_MANAGEMENT");

    private PlatformFixtures() {
    }

    static PlatformLayout onFreePorts(Path state) {
        Map<String, String> env = new HashMap<>();
        env.put("FLASHBACK_STATE_DIR", state.toString());
        PORTS.forEach(name -> env.put("FLASHBACK_" + name + "_PORT", String.valueOf(Ports.free())));
        return PlatformLayout.fromEnvironment(Path.of("..").toAbsolutePath().normalize(), env);
    }
}
