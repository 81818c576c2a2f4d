package io.flashback.marketplace.rating;

import io.flashback.events.Topics;
import io.flashback.events.monitor.ReputationChanged;
import io.flashback.events.outbox.InboundEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.UUID;

/**
 * Rates Data Units from the monitor's reputations (ARCHITECTURE.md §5): each event applies once, and
 * an event older than the score already held for its subject changes nothing.
 */
@Component
class ReputationEventsListener {

    static final String CONSUMER = "marketplace.ratings";
    private static final Logger log = LoggerFactory.getLogger(ReputationEventsListener.class);

    private final InboundEvents inbound;
    private final Reputations reputations;

    ReputationEventsListener(InboundEvents inbound, Reputations reputations) {
        this.inbound = inbound;
        this.reputations = reputations;
    }

    @KafkaListener(id = CONSUMER, topics = Topics.QOS, groupId = "marketplace-service.ratings")
    @Transactional
    void on(String message) {
        inbound.firstDelivery(message, CONSUMER).ifPresent(event -> {
            if (event instanceof ReputationChanged changed && changed.score() != null) {
                switch (changed.subjectKind()) {
                    case "DATA_UNIT" -> dataUnit(changed);
                    case "PROVIDER" -> reputations.providerScored(changed.subjectId(), changed.score(), changed.occurredAt());
                    case null, default -> log.warn("reputation {} of an unknown subject kind {} ignored", changed.eventId(), changed.subjectKind());
                }
            }
            // other QoS events on the topic do not move ratings
        });
    }

    private void dataUnit(ReputationChanged changed) {
        UUID unit;
        try {
            unit = UUID.fromString(changed.subjectId());
        } catch (IllegalArgumentException e) {
            log.warn("reputation {} names no Data Unit id ({}); ignored", changed.eventId(), changed.subjectId());
            return;
        }
        reputations.dataUnitScored(unit, changed.score(), changed.occurredAt());
    }
}
