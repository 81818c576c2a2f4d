package io.flashback.marketplace.account;

import io.flashback.events.Topics;
import io.flashback.events.outbox.InboundEvents;
import io.flashback.events.registry.AccountRegistered;
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

    private final InboundEvents inbound;
    private final KnownAccounts accounts;

    AccountEventsListener(InboundEvents inbound, KnownAccounts accounts) {
        this.inbound = inbound;
        this.accounts = accounts;
    }

    @KafkaListener(id = CONSUMER, topics = Topics.REGISTRY, groupId = "marketplace-service.known-accounts")
    @Transactional
    void on(String message) {
        inbound.firstDelivery(message, CONSUMER)
                .filter(AccountRegistered.class::isInstance).map(AccountRegistered.class::cast)
                .ifPresent(accounts::add);
    }
}
