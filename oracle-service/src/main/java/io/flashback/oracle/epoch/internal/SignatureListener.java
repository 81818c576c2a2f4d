package io.flashback.oracle.epoch.internal;

import io.flashback.events.EventCodec;
import io.flashback.events.Topics;
import io.flashback.events.UnreadableEventException;
import io.flashback.events.oracle.EpochRootSigned;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;

/**
 * Feeds {@link Topics#ORACLE} into a validator's {@link SignatureInbox}. Each validator reads every
 * signature, so its consumer group is its own ({@code oracle-service.signatures.<address>}); instances
 * of the same validator share that group.
 */
public final class SignatureListener implements MessageListener<String, String> {

    private static final Logger log = LoggerFactory.getLogger(SignatureListener.class);

    private final EventCodec codec;
    private final SignatureInbox inbox;

    public SignatureListener(EventCodec codec, SignatureInbox inbox) {
        this.codec = codec;
        this.inbox = inbox;
    }

    public static KafkaMessageListenerContainer<String, String> container(ConsumerFactory<String, String> consumers, String groupId,
                                                                          SignatureListener listener) {
        ContainerProperties properties = new ContainerProperties(Topics.ORACLE);
        properties.setGroupId(groupId);
        properties.setMessageListener(listener);
        KafkaMessageListenerContainer<String, String> container = new KafkaMessageListenerContainer<>(consumers, properties);
        container.setBeanName(groupId);
        return container;
    }

    @Override
    public void onMessage(ConsumerRecord<String, String> record) {
        EventCodec.Decoded decoded;
        try {
            decoded = codec.decode(record.value());
        } catch (UnreadableEventException e) {
            log.error("skipping unreadable message on {}: {}", Topics.ORACLE, e.getMessage());
            return;
        }
        if (decoded.event() instanceof EpochRootSigned signed) {
            inbox.accept(signed);
        }
    }
}
