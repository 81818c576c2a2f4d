package io.flashback.marketplace.reservation;

import io.flashback.events.Topics;
import io.flashback.events.orchestrator.AgreementAccepted;
import io.flashback.events.orchestrator.AgreementEnded;
import io.flashback.events.outbox.InboundEvents;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reserves capacity when the orchestrator accepts an agreement and releases it when the agreement
 * ends. Several partitions are consumed at once; the reservation itself is what stops overselling.
 */
@Component
class AgreementEventsListener {

    static final String CONSUMER = "marketplace.capacity-reservations";

    private final InboundEvents inbound;
    private final CapacityReservations reservations;

    AgreementEventsListener(InboundEvents inbound, CapacityReservations reservations) {
        this.inbound = inbound;
        this.reservations = reservations;
    }

    @KafkaListener(id = CONSUMER, topics = Topics.ORCHESTRATOR, groupId = "marketplace-service.capacity-reservations", concurrency = "3")
    @Transactional
    void on(String message) {
        inbound.firstDelivery(message, CONSUMER).ifPresent(event -> {
            switch (event) {
                case AgreementAccepted accepted -> reservations.reserve(accepted.agreementId(), accepted.dataUnitId(), accepted.capacityBytes());
                case AgreementEnded ended when ended.capacityReleased() -> reservations.release(ended.agreementId());
                default -> {
                    // requests, fundings and activations change no capacity
                }
            }
        });
    }
}
