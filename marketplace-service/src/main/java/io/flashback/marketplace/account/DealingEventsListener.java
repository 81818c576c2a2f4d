package io.flashback.marketplace.account;

import io.flashback.events.Topics;
import io.flashback.events.orchestrator.AgreementAccepted;
import io.flashback.events.orchestrator.AgreementRequested;
import io.flashback.events.outbox.InboundEvents;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Remembers which consumer asked which provider for an agreement, the only relation that lets a
 * provider see another account (its customer's display name, never its wallet; #13 L4). Requested
 * and accepted agreements both name the pair, so either is enough if one was missed.
 */
@Component
class DealingEventsListener {

    static final String CONSUMER = "marketplace.account-dealings";

    private final InboundEvents inbound;
    private final KnownAccounts accounts;

    DealingEventsListener(InboundEvents inbound, KnownAccounts accounts) {
        this.inbound = inbound;
        this.accounts = accounts;
    }

    @KafkaListener(id = CONSUMER, topics = Topics.ORCHESTRATOR, groupId = "marketplace-service.account-dealings")
    @Transactional
    void on(String message) {
        inbound.firstDelivery(message, CONSUMER).ifPresent(event -> {
            switch (event) {
                case AgreementRequested requested -> accounts.addDealing(requested.consumerId(), requested.providerId(), requested.occurredAt());
                case AgreementAccepted accepted -> accounts.addDealing(accepted.consumerId(), accepted.providerId(), accepted.occurredAt());
                default -> {
                    // other orchestrator events name no new consumer-provider pair
                }
            }
        });
    }
}
