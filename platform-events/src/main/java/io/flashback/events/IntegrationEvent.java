package io.flashback.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A fact one service tells the others, in past tense. Carries its own id (consumers use it to
 * ignore redeliveries), the id of the aggregate it is about (the Kafka message key, so events of
 * one aggregate stay in order) and when it happened.
 */
public interface IntegrationEvent {

    UUID eventId();

    Instant occurredAt();

    String aggregateId();
}
