package io.flashback.orchestrator.grant.internal;

import io.flashback.orchestrator.grant.NodeEndpoints;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@Repository
class JdbcNodeEndpoints implements NodeEndpoints {

    private final JdbcTemplate jdbc;

    JdbcNodeEndpoints(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void announced(UUID nodeId, String endpoint, Instant at) {
        jdbc.update("""
                insert into node_endpoint (node_id, endpoint, announced_at) values (?, ?, ?)
                on conflict (node_id) do update set endpoint = excluded.endpoint, announced_at = excluded.announced_at
                 where node_endpoint.announced_at < excluded.announced_at""", nodeId, endpoint, Timestamp.from(at));
    }

    @Override
    public Optional<String> of(String nodeId) {
        UUID id;
        try {
            id = UUID.fromString(nodeId);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return jdbc.query("select endpoint from node_endpoint where node_id = ?", (row, n) -> row.getString(1), id).stream().findFirst();
    }
}
