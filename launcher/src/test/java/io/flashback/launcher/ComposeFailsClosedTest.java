package io.flashback.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashback.infra.anvil.AnvilAccounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.yaml.snakeyaml.Yaml;

/**
 * #13 C1, H1, M8: docker-compose.yml as shipped runs with no secret anyone else knows. Parsed, not run
 * (no Docker engine here).
 */
class ComposeFailsClosedTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)(:?[-?+])?([^}]*)}");
    private static final Pattern SECRET_NAME = Pattern.compile(".*(SECRET|KEY|PASSWORD|TOKEN|WALLETS).*");

    private final String compose = read(ROOT.resolve("docker-compose.yml"));

    @Test // #13 C1
    void noSecretHasAFallbackValue() {
        Matcher variable = VARIABLE.matcher(compose);
        List<String> secretsWithDefaults = new java.util.ArrayList<>();
        while (variable.find()) {
            boolean secret = SECRET_NAME.matcher(variable.group(1)).matches();
            boolean required = variable.group(2) != null && variable.group(2).endsWith("?");
            if (secret && !required) {
                secretsWithDefaults.add(variable.group());
            }
        }
        assertThat(secretsWithDefaults).as("secrets must be required (${NAME:?message}), never defaulted").isEmpty();
    }

    @Test // #13 C1
    void everyRequiredVariableIsNamedInTheEnvExample() {
        Set<String> required = new TreeSet<>();
        Matcher variable = VARIABLE.matcher(compose);
        while (variable.find()) {
            if (":?".equals(variable.group(2))) {
                required.add(variable.group(1));
            }
        }
        String example = read(ROOT.resolve(".env.example"));
        assertThat(required).isNotEmpty().allSatisfy(name -> assertThat(example).contains("\n" + name + "="));
    }

    @Test // #13 H1
    void noPublicDevelopmentKeyOrWalletAppears() {
        String lower = compose.toLowerCase();
        for (String key : AnvilAccounts.PRIVATE_KEYS) {
            assertThat(lower).doesNotContain(key.toLowerCase().replace("0x", ""));
            assertThat(lower).doesNotContain(Credentials.create(key).getAddress().toLowerCase().replace("0x", ""));
        }
    }

    @Test // #13 M8
    @SuppressWarnings("unchecked")
    void monitoringIsNotOpenAndEveryServiceHasItsOwnDatabaseRole() {
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) new Yaml().<Map<String, Object>>load(compose).get("services");

        Map<String, Object> grafana = environment(services.get("grafana"));
        assertThat(String.valueOf(grafana.get("GF_AUTH_ANONYMOUS_ENABLED"))).isEqualTo("false");
        assertThat(String.valueOf(grafana.get("GF_SECURITY_ADMIN_PASSWORD"))).startsWith("${GRAFANA_ADMIN_PASSWORD:?");
        assertThat((List<String>) services.get("prometheus").get("ports")).allSatisfy(port -> assertThat(port).startsWith("127.0.0.1:"));

        Set<String> users = new TreeSet<>();
        for (String service : List.of("registry", "marketplace", "orchestrator", "monitor", "oracle")) {
            Map<String, Object> env = environment(services.get(service + "-service"));
            users.add(String.valueOf(env.get("SPRING_DATASOURCE_USERNAME")));
            assertThat(String.valueOf(env.get("SPRING_DATASOURCE_PASSWORD"))).startsWith("${POSTGRES_" + service.toUpperCase() + "_PASSWORD:?");
            assertThat(String.valueOf(env.get("FLASHBACK_KAFKA_USERNAME"))).isEqualTo(service + "-service");
        }
        assertThat(users).as("one role per service, never the superuser").hasSize(5).doesNotContain("postgres", "flashback");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(Map<String, Object> service) {
        return (Map<String, Object>) service.get("environment");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
