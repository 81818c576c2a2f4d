package io.flashback.monitor.audit.internal;

import io.flashback.monitor.audit.Canaries;
import io.flashback.monitor.audit.Canary;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;

/** {@code canary}: the seed of each canary stays here and nowhere else. */
final class JdbcCanaries implements Canaries {

    private final JdbcTemplate jdbc;

    JdbcCanaries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Canary> of(UUID nodeId, String location) {
        return jdbc.query("select node_id, location, bucket, object_key, size_bytes, seed_hex, placed_at from canary where node_id = ? and location = ?",
                (rs, row) -> new Canary(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                        rs.getString(6), rs.getTimestamp(7).toInstant()), nodeId, location).stream().findFirst();
    }

    @Override
    public void placed(Canary canary) {
        jdbc.update("""
                        insert into canary (node_id, location, bucket, object_key, size_bytes, seed_hex, placed_at) values (?, ?, ?, ?, ?, ?, ?)
                        on conflict (node_id, location) do update set bucket = excluded.bucket, object_key = excluded.object_key,
                          size_bytes = excluded.size_bytes, seed_hex = excluded.seed_hex, placed_at = excluded.placed_at""",
                canary.nodeId(), canary.location(), canary.bucket(), canary.key(), canary.size(), canary.seedHex(),
                Timestamp.from(canary.placedAt()));
    }

    @Override
    public void forget(UUID nodeId, String location) {
        jdbc.update("delete from canary where node_id = ? and location = ?", nodeId, location);
    }
}
