package io.flashback.events.outbox;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;

/**
 * The inbox side of exactly-once effects: a consumer calls {@link #firstDelivery} in the
 * transaction that applies an event and applies it only when this is the first time.
 */
public class ProcessedEvents {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public ProcessedEvents(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** True when {@code consumer} sees this event id for the first time; records it either way. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean firstDelivery(UUID eventId, String consumer) {
        return jdbc.update("insert into processed_event (event_id, consumer, processed_at) values (?, ?, ?) on conflict do nothing",
                eventId, consumer, Timestamp.from(clock.instant())) == 1;
    }
}
