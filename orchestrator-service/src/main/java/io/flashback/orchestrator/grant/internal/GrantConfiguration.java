package io.flashback.orchestrator.grant.internal;

import io.flashback.orchestrator.OrchestratorProperties;
import io.flashback.orchestrator.grant.NodeKeyEncryption;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.security.SecureRandom;

/** The randomness and keys grant credentials are made and protected with. */
@Configuration(proxyBeanMethods = false)
class GrantConfiguration {

    @Bean
    SecureRandom grantRandom() {
        return new SecureRandom();
    }

    @Bean
    SecretsAtRest secretsAtRest(OrchestratorProperties properties, SecureRandom grantRandom) {
        return SecretsAtRest.fromBase64(properties.credentials().key(), grantRandom);
    }

    @Bean
    NodeKeyEncryption nodeKeyEncryption(SecureRandom grantRandom) {
        return new NodeKeyEncryption(grantRandom);
    }
}
