package io.flashback.orchestrator.lifecycle.internal;

import io.flashback.events.Topics;
import io.flashback.events.outbox.InboundEvents;
import io.flashback.events.outbox.ListenerContainers;
import io.flashback.orchestrator.lifecycle.EndOversoldAgreement;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The agreement lifecycle's Kafka input: the marketplace's capacity refusals. */
@Configuration(proxyBeanMethods = false)
class LifecycleConfiguration {

    @Bean
    @SuppressWarnings("unchecked")
    KafkaMessageListenerContainer<String, String> capacityRefusalListener(ConsumerFactory<?, ?> consumers, InboundEvents inbound,
                                                                         EndOversoldAgreement endOversold,
                                                                         PlatformTransactionManager transactionManager) {
        return ListenerContainers.retryingForever(consumers, "orchestrator-service.capacity-refusals",
                new CapacityRefusalListener(inbound, endOversold, new TransactionTemplate(transactionManager)), Topics.MARKETPLACE);
    }
}
