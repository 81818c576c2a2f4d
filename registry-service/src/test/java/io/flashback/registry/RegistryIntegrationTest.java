package io.flashback.registry;

import io.flashback.infra.testing.TestInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import java.util.Base64;

/**
 * The registry on a real PostgreSQL and Kafka broker, driven through its HTTP API with MockMvc
 * (the security filters included). Every integration test extends this class so that they share
 * one application context.
 */
// the certification tests run a real bridge node on 127.0.0.1; the production default refuses loopback (#13 M1)
@SpringBootTest(properties = "flashback.security.node-endpoints.allow-loopback=true")
@AutoConfigureMockMvc
@Import(RegistryIntegrationTest.Clocks.class)
public abstract class RegistryIntegrationTest {

    public static final String DOMAIN = "app.flashback.test";
    public static final String ORIGIN = "https://app.flashback.test";
    public static final long CHAIN_ID = 31337;
    private static final String KEY_ENCRYPTION_KEY = Base64.getEncoder().encodeToString(new java.security.SecureRandom().generateSeed(32));

    @TestConfiguration(proxyBeanMethods = false)
    static class Clocks {
        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock();
        }
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure infra = TestInfrastructure.get();
        infra.springProperties("registry_test", "registry-service").forEach((key, value) -> registry.add(key, () -> value));
        registry.add("flashback.security.issuer", () -> "flashback-test");
        registry.add("flashback.registry.operator-wallets", () -> RegistryFixtures.OPERATOR.address());
        registry.add("flashback.registry.siwe.domain", () -> DOMAIN);
        registry.add("flashback.registry.siwe.uri-prefix", () -> ORIGIN);
        registry.add("flashback.registry.siwe.chain-id", () -> CHAIN_ID);
        registry.add("flashback.registry.tokens.key-encryption-key", () -> KEY_ENCRYPTION_KEY);
        registry.add("flashback.registry.offline-check-interval", () -> "1h");
        // certification runs only when a test starts one (CertifyingBridgeNodesIT), against a real bridge node
        registry.add("flashback.registry.certification.enabled", () -> false);
        registry.add("flashback.registry.certification.credential-wait", () -> "12s");
        registry.add("flashback.registry.certification.throughput-bytes", () -> 2 * 1024 * 1024);
        LocalChain chain = LocalChain.get();
        registry.add("flashback.registry.nodes.address-book", () -> chain.addressBookFile().toString());
        registry.add("flashback.registry.chain.rpc-url", chain::rpcUrl);
        registry.add("flashback.registry.chain.confirmations", () -> 0);
        registry.add("flashback.registry.chain.poll-interval", () -> "1h");
    }

    @Autowired
    protected MockMvc mvc;
    @Autowired
    protected TestClock clock;
    @Autowired
    protected JdbcClient jdbc;

    protected RegistryFixtures fixtures() {
        return new RegistryFixtures(mvc);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** How many outbox rows of {@code type} are about {@code aggregate}. */
    protected long published(String type, Object aggregate) {
        return jdbc.sql("select count(*) from outbox_event where event_type = ? and message_key = ?")
                .params(type, aggregate.toString()).query(Long.class).single();
    }
}
