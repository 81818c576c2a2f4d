package io.flashback.registry.account;

import io.flashback.events.Topics;
import io.flashback.events.orchestrator.AgreementFunded;
import io.flashback.events.outbox.InboundEvents;
import io.flashback.registry.RegistryProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Certifies consumers (issue #5): a consumer that registered with its own wallet is {@value #WALLET_VERIFIED}; one
 * whose agreement was funded (the orchestrator's {@link AgreementFunded}, crypto escrow or fiat payment alike) has a
 * payment method that works and is {@value #PAYMENT_VERIFIED} for the configured validity from that payment, renewed
 * by every later one. Each event applies once.
 */
@Component
class ConsumerCertification {

    static final String WALLET_VERIFIED = "WALLET_VERIFIED";
    static final String PAYMENT_VERIFIED = "PAYMENT_VERIFIED";
    static final String CONSUMER = "registry.consumer-certification";
    private static final Logger log = LoggerFactory.getLogger(ConsumerCertification.class);

    private final InboundEvents inbound;
    private final Accounts accounts;
    private final Duration validity;

    ConsumerCertification(InboundEvents inbound, Accounts accounts, RegistryProperties properties) {
        this.inbound = inbound;
        this.accounts = accounts;
        this.validity = properties.certification().paymentValidity();
    }

    @KafkaListener(id = CONSUMER, topics = Topics.ORCHESTRATOR, groupId = "registry-service.consumer-certification")
    @Transactional
    void on(String message) {
        inbound.firstDelivery(message, CONSUMER).ifPresent(event -> {
            if (event instanceof AgreementFunded funded) {
                paid(funded.consumerId(), funded.occurredAt());
            }
        });
    }

    void paid(UUID consumerId, Instant at) {
        accounts.findById(consumerId).filter(account -> account.role() == Role.CONSUMER).ifPresentOrElse(account -> {
            Instant until = at.plus(validity);
            if (account.certifiedUntil() == null || account.certifiedUntil().isBefore(until)) {
                account.certify(PAYMENT_VERIFIED, until);
                log.info("consumer {} certified {} until {}", consumerId, PAYMENT_VERIFIED, until);
            }
        }, () -> log.warn("an agreement of consumer {} was funded, but the registry has no such consumer account", consumerId));
    }
}
