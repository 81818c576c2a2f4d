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
import java.util.LinkedHashMap;
import java.util.Map;

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
        properties().forEach((key, value) -> registry.add(key, () -> value));
        // the tests share one database and sign in and announce from one address far more often than a
        // client may (#13 L8); AnonymousRequestsLimitedAcrossInstancesIT checks the limit with its own
        registry.add("flashback.registry.anonymous-limits.nonces-per-client", () -> 1_000_000);
        registry.add("flashback.registry.anonymous-limits.announcements-per-client", () -> 1_000_000);
    }

    /** The registry's settings on the test infrastructure, for this context and for tests that start more instances. */
    public static Map<String, Object> properties() {
        TestInfrastructure infra = TestInfrastructure.get();
        LocalChain chain = LocalChain.get();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.putAll(infra.springProperties("registry_test", "registry-service"));
        properties.put("flashback.security.issuer", "flashback-test");
        properties.put("flashback.registry.operator-wallets", RegistryFixtures.OPERATOR.address());
        properties.put("flashback.registry.siwe.domain", DOMAIN);
        properties.put("flashback.registry.siwe.uri-prefix", ORIGIN);
        properties.put("flashback.registry.siwe.chain-id", CHAIN_ID);
        properties.put("flashback.registry.tokens.key-encryption-key", KEY_ENCRYPTION_KEY);
        properties.put("flashback.registry.offline-check-interval", "1h");
        // certification runs only when a test starts one (CertifyingBridgeNodesIT), against a real bridge node
        properties.put("flashback.registry.certification.enabled", false);
        properties.put("flashback.registry.certification.credential-wait", "12s");
        properties.put("flashback.registry.certification.throughput-bytes", 2 * 1024 * 1024);
        properties.put("flashback.registry.nodes.address-book", chain.addressBookFile().toString());
        properties.put("flashback.registry.chain.rpc-url", chain.rpcUrl());
        properties.put("flashback.registry.chain.confirmations", 0);
        properties.put("flashback.registry.chain.poll-interval", "1h");
        return properties;
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
