package io.flashback.oracle.ingest.internal;

import io.flashback.oracle.ingest.ServedAgreements;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** {@link ServedAgreements} in {@code served_agreement}: one query per batch, whatever its number of agreements. */
final class JdbcServedAgreements implements ServedAgreements {

    private final JdbcTemplate jdbc;

    JdbcServedAgreements(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<String, ServedAgreement> servedBy(UUID nodeId, Collection<String> agreementIds) {
        List<UUID> platformIds = new ArrayList<>();
        List<BigDecimal> escrowIds = new ArrayList<>();
        for (String id : agreementIds) {
            if (id.indexOf('-') >= 0) {
                platformIds.add(UUID.fromString(id));
            } else {
                escrowIds.add(new BigDecimal(id));
            }
        }
        Set<String> asked = Set.copyOf(agreementIds);
        Map<String, ServedAgreement> found = new HashMap<>();
        jdbc.query(connection -> {
            var statement = connection.prepareStatement("""
                    select agreement_id, escrow_agreement_id, node_id, activated_at, ended_at from served_agreement
                    where node_id = ? and (agreement_id = any(?) or escrow_agreement_id = any(?))""");
            statement.setObject(1, nodeId);
            statement.setArray(2, connection.createArrayOf("uuid", platformIds.toArray()));
            statement.setArray(3, connection.createArrayOf("numeric", escrowIds.toArray()));
            return statement;
        }, rs -> {
            Timestamp ended = rs.getTimestamp(5);
            ServedAgreement agreement = new ServedAgreement(rs.getObject(1, UUID.class), rs.getBigDecimal(2).toBigIntegerExact(),
                    rs.getObject(3, UUID.class), rs.getTimestamp(4).toInstant(), ended == null ? null : ended.toInstant());
            String platformId = agreement.agreementId().toString();
            String escrowId = agreement.escrowAgreementId().toString();
            if (asked.contains(platformId)) {
                found.put(platformId, agreement);
            }
            if (asked.contains(escrowId)) {
                found.put(escrowId, agreement);
            }
        });
        return found;
    }

    @Override
    public void activated(ServedAgreement a) {
        jdbc.update("""
                insert into served_agreement (agreement_id, escrow_agreement_id, node_id, activated_at) values (?, ?, ?, ?)
                on conflict (agreement_id) do update set escrow_agreement_id = excluded.escrow_agreement_id, node_id = excluded.node_id,
                    activated_at = excluded.activated_at""",
                a.agreementId(), new BigDecimal(a.escrowAgreementId()), a.nodeId(), Timestamp.from(a.activatedAt()));
    }

    @Override
    public void ended(UUID agreementId, Instant at) {
        jdbc.update("update served_agreement set ended_at = ? where agreement_id = ? and ended_at is null", Timestamp.from(at), agreementId);
    }
}
