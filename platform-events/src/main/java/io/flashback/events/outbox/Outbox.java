package io.flashback.events.outbox;

import io.flashback.events.EventCatalog;
import io.flashback.events.EventCodec;
import io.flashback.events.EventEnvelope;
import io.flashback.events.IntegrationEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.sql.Timestamp;

/**
 * Publishes integration events through the service's own database: the event is stored in the
 * caller's transaction, so it exists if and only if that transaction commits, and the
 * {@link OutboxRelay} sends it to Kafka afterwards — also after a crash between commit and send.
 */
public class Outbox {

    private final JdbcTemplate jdbc;
    private final EventCodec codec;
    private final String source;
    private final OutboxRelay relay;

    public Outbox(JdbcTemplate jdbc, EventCodec codec, String source, OutboxRelay relay) {
        this.jdbc = jdbc;
        this.codec = codec;
        this.source = source;
        this.relay = relay;
    }

    /** Must run inside the transaction that makes the change the event describes. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void publish(IntegrationEvent event) {
        EventCatalog.Entry entry = EventCatalog.of(event);
        EventEnvelope envelope = codec.envelope(event, source);
        jdbc.update("insert into outbox_event (event_id, topic, message_key, event_type, payload, created_at) values (?, ?, ?, ?, ?, ?)",
                event.eventId(), entry.topic(), event.aggregateId(), entry.type(), codec.encode(envelope),
                Timestamp.from(event.occurredAt()));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    relay.wakeUp();
                }
            });
        }
    }
}
