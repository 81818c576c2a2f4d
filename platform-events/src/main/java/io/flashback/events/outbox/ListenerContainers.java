package io.flashback.events.outbox;

import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Kafka consumers for events no service may skip (money, agreements, judgment inputs): a listener that applies each
 * message in its own transaction with its {@link InboundEvents} mark gets a container that retries a failure with
 * backoff (0.5 s doubling up to 30 s) and never gives up, so a message is applied or the consumer waits — never dropped.
 */
public final class ListenerContainers {

    private ListenerContainers() {
    }

    @SuppressWarnings("unchecked")
    public static KafkaMessageListenerContainer<String, String> retryingForever(ConsumerFactory<?, ?> consumers, String groupId,
                                                                                MessageListener<String, String> listener, String... topics) {
        ContainerProperties properties = new ContainerProperties(topics);
        properties.setGroupId(groupId);
        properties.setMessageListener(listener);
        KafkaMessageListenerContainer<String, String> container =
                new KafkaMessageListenerContainer<>((ConsumerFactory<String, String>) consumers, properties);
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2);
        backOff.setMaxInterval(30_000);
        container.setCommonErrorHandler(new DefaultErrorHandler(backOff));
        container.setBeanName(groupId);
        return container;
    }
}
