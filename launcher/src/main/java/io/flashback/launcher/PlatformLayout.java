package io.flashback.launcher;

import io.flashback.infra.kafka.KafkaAccess;
import io.flashback.infra.kafka.KafkaCredentials;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where a local platform keeps its state (databases, Kafka log, chain, logs, pids) and which
 * services it runs. The state directory is {@code .flashback} in the repository unless
 * {@code FLASHBACK_STATE_DIR} says otherwise. {@code environment} is what the platform is started
 * from (the launcher's own environment for {@code ./flashback}): every service gets it, under the
 * variables the launcher sets itself, so a service setting (e.g. {@code FLASHBACK_ORACLE_JUDGMENTDELAY})
 * reaches the service it names.
 */
public record PlatformLayout(Path root, Path stateDirectory, LocalPorts ports, LocalChain chain, Map<String, String> environment) {

    public PlatformLayout {
        environment = Map.copyOf(environment);
    }

    public static final List<String> DATABASES = List.of("registry", "marketplace", "orchestrator", "monitor", "oracle");

    public static PlatformLayout fromEnvironment(Path root, Map<String, String> env) {
        String state = env.get("FLASHBACK_STATE_DIR");
        Path stateDirectory = state == null || state.isBlank() ? root.resolve(".flashback") : Path.of(state);
        return new PlatformLayout(root.toAbsolutePath().normalize(), stateDirectory.toAbsolutePath().normalize(),
                LocalPorts.fromEnvironment(env), LocalChain.fromEnvironment(env), env);
    }

    public Path logs() {
        return stateDirectory.resolve("logs");
    }

    public Path run() {
        return stateDirectory.resolve("run");
    }

    /** Where the contracts deployed on the local chain are listed (written at the first {@code up}). */
    public Path addressBook() {
        return stateDirectory.resolve("anvil").resolve("address-book.json");
    }

    /** The Kafka passwords of this platform: the broker's and every service's, made on first use (ADR 0008). */
    public KafkaCredentials kafkaCredentials() {
        return KafkaCredentials.loadOrCreate(stateDirectory.resolve("kafka").resolve("credentials.properties"));
    }

    public Path infraReadyFile() {
        return run().resolve("infra.ready");
    }

    /** The services, in start order: those the gateway routes to first, the gateway last. */
    public List<PlatformService> services() {
        return Stream.of(
                PlatformService.springService(root, stateDirectory, "registry-service", ports.registry(), ports),
                PlatformService.springService(root, stateDirectory, "marketplace-service", ports.marketplace(), ports),
                PlatformService.springService(root, stateDirectory, "orchestrator-service", ports.orchestrator(), ports),
                PlatformService.springService(root, stateDirectory, "monitor-service", ports.monitor(), ports),
                PlatformService.springService(root, stateDirectory, "oracle-service", ports.oracle(), ports),
                gateway(),
                bridgeNode()).map(this::inheritingEnvironment).toList();
    }

    private PlatformService inheritingEnvironment(PlatformService service) {
        Map<String, String> merged = new HashMap<>(environment);
        merged.putAll(service.environment());
        return new PlatformService(service.name(), service.port(), service.jar(), service.arguments(), Map.copyOf(merged),
                service.healthUrl(), service.publicUrl());
    }

    public Path demoGrantFile() {
        return stateDirectory.resolve("bridge-node").resolve("demo-grant");
    }

    /** The state directory's own secrets and privileged wallets (made on first use). */
    LocalSecrets secrets() {
        return new LocalSecrets(stateDirectory);
    }

    /**
     * What a service is given from the state directory's secrets when it starts — never on its command line, where
     * every local user could read it: its own database role and password, the operator wallet (registry), the
     * validator key (oracle). A setting given in the platform's environment wins.
     */
    Map<String, String> secretEnvironment(PlatformService service) {
        LocalSecrets secrets = secrets();
        Map<String, String> secret = new HashMap<>();
        String database = service.name().replace("-service", "");
        if (DATABASES.contains(database)) {
            secret.put("SPRING_DATASOURCE_USERNAME", database);
            secret.put("SPRING_DATASOURCE_PASSWORD", secrets.postgresPassword(database));
        }
        if (KafkaAccess.principals().contains(service.name())) {
            // its own Kafka principal (ADR 0008)
            secret.put("FLASHBACK_KAFKA_USERNAME", service.name());
            secret.put("FLASHBACK_KAFKA_PASSWORD", kafkaCredentials().password(service.name()));
        }
        switch (service.name()) {
            case "registry-service" -> secret.put("FLASHBACK_REGISTRY_OPERATOR_WALLETS", secrets.operator().getAddress());
            case "oracle-service" -> secret.put("FLASHBACK_ORACLE_VALIDATOR_KEY_FILE", secrets.validatorKeyFile(1).toString());
            default -> { }
        }
        secret.keySet().removeAll(environment.keySet());
        return secret;
    }

    /** The local bridge node's demo grant as a grants file (owner-only), so its secret is on no command line. */
    Path demoGrantsFile() {
        return stateDirectory.resolve("bridge-node").resolve("demo-grants.json");
    }

    /**
     * One bridge node on the local disks with the demo grant, as a provider would run it: it
     * announces itself through the gateway and prints its node id and secret in its log.
     */
    private PlatformService bridgeNode() {
        int management = ports.bridgeNodeManagement();
        return new PlatformService("bridge-node", ports.bridgeNode(), root.resolve("bridge-node").resolve("target").resolve("bridge-node.jar"),
                List.of("serve", "--port", String.valueOf(ports.bridgeNode()), "--management-port", String.valueOf(management),
                        "--bind", "127.0.0.1", "--data-dir", stateDirectory.resolve("bridge-node").resolve("data").toString(),
                        "--grants-file", demoGrantsFile().toString(),
                        // it announces itself to the local platform like any provider's node; claim it with the secret in its log
                        "--platform-url", "http://127.0.0.1:" + ports.gateway(),
                        "--public-endpoint", "http://127.0.0.1:" + ports.bridgeNode(), "--capacity", "10GiB"),
                Map.of(), "http://127.0.0.1:" + management + "/health", "http://127.0.0.1:" + ports.bridgeNode());
    }

    private PlatformService gateway() {
        PlatformService base = PlatformService.springService(root, stateDirectory, "gateway-service", ports.gateway(), ports);
        return new PlatformService(base.name(), base.port(), base.jar(), base.arguments(), Map.of(
                "SERVER_PORT", String.valueOf(ports.gateway()),
                // its own metrics and health details on a management port of this machine only: the public port
                // shows them to operators alone (#13 L1), Prometheus scrapes here
                "MANAGEMENT_SERVER_PORT", String.valueOf(ports.gatewayManagement()),
                "MANAGEMENT_SERVER_ADDRESS", "127.0.0.1",
                "FLASHBACK_GATEWAY_SERVICES_REGISTRY", "http://127.0.0.1:" + ports.registry(),
                "FLASHBACK_GATEWAY_SERVICES_MARKETPLACE", "http://127.0.0.1:" + ports.marketplace(),
                "FLASHBACK_GATEWAY_SERVICES_ORCHESTRATOR", "http://127.0.0.1:" + ports.orchestrator(),
                "FLASHBACK_GATEWAY_SERVICES_MONITOR", "http://127.0.0.1:" + ports.monitor(),
                "FLASHBACK_GATEWAY_SERVICES_ORACLE", "http://127.0.0.1:" + ports.oracle()),
                "http://127.0.0.1:" + ports.gatewayManagement() + "/actuator/health/readiness", base.publicUrl());
    }
}
