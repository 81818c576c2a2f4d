package io.flashback.events.outbox;

import io.flashback.events.EventCodec;
import io.flashback.events.IntegrationEvent;
import io.flashback.events.UnreadableEventException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.util.Optional;

/**
 * What every Kafka listener does first: read the CloudEvents message, skip (and log) what cannot be
 * read or is of a type this build does not know, and skip an event this consumer has applied
 * before. Called in the transaction that applies the event, so "applied" and "seen" commit together.
 */
public class InboundEvents {

    private static final Logger log = LoggerFactory.getLogger(InboundEvents.class);

    private final EventCodec codec;
    private final ProcessedEvents processed;

    public InboundEvents(EventCodec codec, ProcessedEvents processed) {
        this.codec = codec;
        this.processed = processed;
    }

    /** The event to apply, or empty when it is unreadable, unknown or already applied by {@code consumer}. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<IntegrationEvent> firstDelivery(String message, String consumer) {
        EventCodec.Decoded decoded;
        try {
            decoded = codec.decode(message);
        } catch (UnreadableEventException e) {
            log.error("{} skips an unreadable message: {}", consumer, e.getMessage());
            return Optional.empty();
        }
        if (decoded.event() == null || !processed.firstDelivery(decoded.event().eventId(), consumer)) {
            return Optional.empty();
        }
        return Optional.of(decoded.event());
    }
}
