package io.flashback.marketplace.reservation;

import io.flashback.events.marketplace.CapacityReleased;
import io.flashback.events.marketplace.CapacityReservationRefused;
import io.flashback.events.marketplace.CapacityReserved;
import io.flashback.events.outbox.Outbox;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Holds capacity for accepted agreements so a unit is never oversold: the reservation is one
 * conditional update ({@code capacity - reserved >= asked}), which two concurrent reservations
 * cannot both pass when only one fits. Every outcome is recorded per agreement and announced.
 */
@Repository
class CapacityReservations {

    private final JdbcTemplate jdbc;
    private final Outbox outbox;
    private final Clock clock;

    CapacityReservations(JdbcTemplate jdbc, Outbox outbox, Clock clock) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void reserve(UUID agreementId, UUID dataUnitId, long bytes) {
        if (exists(agreementId)) {
            return;
        }
        Instant now = clock.instant();
        List<Long> freeAfter = jdbc.queryForList("""
                update data_unit set reserved_bytes = reserved_bytes + ?,
                                     state = case when state = 'AVAILABLE' then 'RESERVED' else state end,
                                     updated_at = ?, version = version + 1
                where id = ? and state in ('AVAILABLE', 'RESERVED', 'IN_USE') and capacity_bytes - reserved_bytes >= ?
                returning capacity_bytes - reserved_bytes""", Long.class, bytes, Timestamp.from(now), dataUnitId, bytes);
        if (!freeAfter.isEmpty()) {
            record(agreementId, dataUnitId, bytes, "HELD", null, now);
            outbox.publish(new CapacityReserved(UUID.randomUUID(), now, agreementId, dataUnitId, bytes, freeAfter.getFirst()));
            return;
        }
        List<Long> free = jdbc.queryForList("select capacity_bytes - reserved_bytes from data_unit where id = ? and state in "
                + "('AVAILABLE', 'RESERVED', 'IN_USE')", Long.class, dataUnitId);
        String reason = free.isEmpty() ? "the data unit is not selling capacity"
                : "only " + free.getFirst() + " bytes free, " + bytes + " asked";
        record(agreementId, dataUnitId, bytes, "REFUSED", reason, now);
        outbox.publish(new CapacityReservationRefused(UUID.randomUUID(), now, agreementId, dataUnitId, bytes,
                free.isEmpty() ? 0 : free.getFirst(), reason));
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void release(UUID agreementId) {
        Instant now = clock.instant();
        List<Object[]> held = jdbc.query("select data_unit_id, bytes from capacity_reservation where agreement_id = ? and state = 'HELD' for update",
                (rs, row) -> new Object[] {rs.getObject(1, UUID.class), rs.getLong(2)}, agreementId);
        if (held.isEmpty()) {
            return;
        }
        UUID dataUnitId = (UUID) held.getFirst()[0];
        long bytes = (Long) held.getFirst()[1];
        jdbc.update("""
                update data_unit set reserved_bytes = reserved_bytes - ?,
                                     state = case when state = 'RESERVED' and reserved_bytes - ? = 0 then 'AVAILABLE' else state end,
                                     updated_at = ?, version = version + 1
                where id = ?""", bytes, bytes, Timestamp.from(now), dataUnitId);
        jdbc.update("update capacity_reservation set state = 'RELEASED', updated_at = ? where agreement_id = ?", Timestamp.from(now), agreementId);
        outbox.publish(new CapacityReleased(UUID.randomUUID(), now, agreementId, dataUnitId, bytes));
    }

    String stateOf(UUID agreementId) {
        return jdbc.queryForList("select state from capacity_reservation where agreement_id = ?", String.class, agreementId)
                .stream().findFirst().orElse(null);
    }

    private boolean exists(UUID agreementId) {
        return stateOf(agreementId) != null;
    }

    private void record(UUID agreementId, UUID dataUnitId, long bytes, String state, String reason, Instant at) {
        jdbc.update("insert into capacity_reservation (agreement_id, data_unit_id, bytes, state, reason, created_at, updated_at) "
                + "values (?, ?, ?, ?, ?, ?, ?)", agreementId, dataUnitId, bytes, state, reason, Timestamp.from(at), Timestamp.from(at));
    }
}
