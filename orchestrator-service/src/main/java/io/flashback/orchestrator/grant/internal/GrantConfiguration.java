package io.flashback.orchestrator.grant.internal;

import io.flashback.events.Topics;
import io.flashback.events.outbox.InboundEvents;
import io.flashback.events.outbox.ListenerContainers;
import io.flashback.orchestrator.OrchestratorProperties;
import io.flashback.orchestrator.grant.NodeEndpoints;
import io.flashback.chain.nodekey.NodeKeyEncryption;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.SecureRandom;

/** The randomness and keys grant credentials are made and protected with, and where the nodes that honour them serve. */
@Configuration(proxyBeanMethods = false)
class GrantConfiguration {

    @Bean
    SecureRandom grantRandom() {
        return new SecureRandom();
    }

    @Bean
    SecretsAtRest secretsAtRest(OrchestratorProperties properties, SecureRandom grantRandom) {
        return SecretsAtRest.fromBase64(properties.credentials().resolvedKey(), grantRandom);
    }

    @Bean
    NodeKeyEncryption nodeKeyEncryption(SecureRandom grantRandom) {
        return new NodeKeyEncryption(grantRandom);
    }

    /** The registry's node announcements, for the endpoint the consumers' credentials name. */
    @Bean
    KafkaMessageListenerContainer<String, String> nodeAnnouncementsListener(ConsumerFactory<?, ?> consumers, InboundEvents inbound,
                                                                           NodeEndpoints endpoints, PlatformTransactionManager transactionManager) {
        return ListenerContainers.retryingForever(consumers, "orchestrator-service.node-endpoints",
                new NodeAnnouncementsListener(inbound, endpoints, new TransactionTemplate(transactionManager)), Topics.REGISTRY);
    }
}
