package io.flashback.oracle.ingest.internal;

import io.flashback.oracle.ingest.BoundNodes;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link BoundNodes} in {@code bound_node}. Every change carries the event's time and loses to a later one already
 * applied, so a late redelivery cannot undo a newer state.
 */
final class JdbcBoundNodes implements BoundNodes {

    private final JdbcTemplate jdbc;

    JdbcBoundNodes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<BoundNode> find(UUID nodeId) {
        return jdbc.query("select node_id, node_address, active from bound_node where node_id = ?",
                (rs, n) -> new BoundNode(rs.getObject(1, UUID.class), rs.getString(2), rs.getBoolean(3)), nodeId).stream().findFirst();
    }

    @Override
    public void claimed(UUID nodeId, String nodeAddress, String providerWallet, Instant at) {
        jdbc.update("""
                insert into bound_node (node_id, node_address, provider_wallet, claimed_at, updated_at) values (?, ?, ?, ?, ?)
                on conflict (node_id) do update set node_address = excluded.node_address, provider_wallet = excluded.provider_wallet,
                    claimed_at = excluded.claimed_at, updated_at = excluded.updated_at
                where bound_node.updated_at <= excluded.updated_at""", nodeId, nodeAddress, providerWallet, Timestamp.from(at), Timestamp.from(at));
    }

    @Override
    public void activated(UUID nodeId, String providerWallet, BigInteger collateral, Instant at) {
        active(nodeId, providerWallet, true, collateral, at);
    }

    @Override
    public void deactivated(UUID nodeId, BigInteger collateral, Instant at) {
        active(nodeId, null, false, collateral, at);
    }

    private void active(UUID nodeId, String providerWallet, boolean active, BigInteger collateral, Instant at) {
        jdbc.update("""
                insert into bound_node (node_id, provider_wallet, active, collateral, updated_at) values (?, ?, ?, ?, ?)
                on conflict (node_id) do update set active = excluded.active, collateral = excluded.collateral,
                    provider_wallet = coalesce(bound_node.provider_wallet, excluded.provider_wallet), updated_at = excluded.updated_at
                where bound_node.updated_at <= excluded.updated_at""",
                nodeId, providerWallet, active, new BigDecimal(collateral), Timestamp.from(at));
    }
}
