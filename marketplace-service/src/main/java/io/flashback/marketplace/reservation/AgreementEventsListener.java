package io.flashback.marketplace.reservation;

import io.flashback.events.EventCodec;
import io.flashback.events.Topics;
import io.flashback.events.UnreadableEventException;
import io.flashback.events.orchestrator.AgreementAccepted;
import io.flashback.events.orchestrator.AgreementEnded;
import io.flashback.events.outbox.ProcessedEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
    private static final Logger log = LoggerFactory.getLogger(AgreementEventsListener.class);

    private final EventCodec codec;
    private final ProcessedEvents processed;
    private final CapacityReservations reservations;

    AgreementEventsListener(EventCodec codec, ProcessedEvents processed, CapacityReservations reservations) {
        this.codec = codec;
        this.processed = processed;
        this.reservations = reservations;
    }

    @KafkaListener(id = CONSUMER, topics = Topics.ORCHESTRATOR, groupId = "marketplace-service.capacity-reservations", concurrency = "3")
    @Transactional
    void on(String message) {
        EventCodec.Decoded decoded;
        try {
            decoded = codec.decode(message);
        } catch (UnreadableEventException e) {
            log.error("skipping unreadable message on {}: {}", Topics.ORCHESTRATOR, e.getMessage());
            return;
        }
        if (decoded.event() == null || !processed.firstDelivery(decoded.event().eventId(), CONSUMER)) {
            return;
        }
        switch (decoded.event()) {
            case AgreementAccepted accepted -> reservations.reserve(accepted.agreementId(), accepted.dataUnitId(), accepted.capacityBytes());
            case AgreementEnded ended when ended.capacityReleased() -> reservations.release(ended.agreementId());
            default -> {
                // requests, fundings and activations change no capacity
            }
        }
    }
}
