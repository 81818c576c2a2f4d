package io.flashback.marketplace.account;

import io.flashback.events.EventCodec;
import io.flashback.events.Topics;
import io.flashback.events.UnreadableEventException;
import io.flashback.events.outbox.ProcessedEvents;
import io.flashback.events.registry.AccountRegistered;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps {@link KnownAccounts} in step with registry-service. Each event is applied in one
 * transaction together with its id in the processed-events table, so a redelivery is ignored.
 */
@Component
class AccountEventsListener {

    static final String CONSUMER = "marketplace.known-accounts";
    private static final Logger log = LoggerFactory.getLogger(AccountEventsListener.class);

    private final EventCodec codec;
    private final ProcessedEvents processed;
    private final KnownAccounts accounts;

    AccountEventsListener(EventCodec codec, ProcessedEvents processed, KnownAccounts accounts) {
        this.codec = codec;
        this.processed = processed;
        this.accounts = accounts;
    }

    @KafkaListener(id = CONSUMER, topics = Topics.REGISTRY, groupId = "marketplace-service.known-accounts")
    @Transactional
    void on(String message) {
        EventCodec.Decoded decoded;
        try {
            decoded = codec.decode(message);
        } catch (UnreadableEventException e) {
            log.error("skipping unreadable message on {}: {}", Topics.REGISTRY, e.getMessage());
            return;
        }
        if (decoded.event() instanceof AccountRegistered registered
                && processed.firstDelivery(registered.eventId(), CONSUMER)) {
            accounts.add(registered);
        }
    }
}
