package io.flashback.marketplace.node;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The marketplace's view of bridge nodes, and the rule that ties Data Units to them: a unit is
 * listed only while its state sells capacity and its node is claimed, online and active.
 */
@Repository
public class ProviderNodes {

    public record ProviderNode(UUID nodeId, String providerWallet, String endpoint, String region, boolean claimed, boolean online,
                               boolean active) {

        public boolean sells() {
            return claimed && online && active;
        }
    }

    private final JdbcTemplate jdbc;

    ProviderNodes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<ProviderNode> find(UUID nodeId) {
        return jdbc.query("select node_id, provider_wallet, endpoint, region, claimed, online, active from provider_node where node_id = ?",
                (rs, row) -> new ProviderNode(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBoolean(5), rs.getBoolean(6), rs.getBoolean(7)), nodeId).stream().findFirst();
    }

    void announced(UUID nodeId, String endpoint, String region, Instant at) {
        jdbc.update("insert into provider_node (node_id, endpoint, region, updated_at) values (?, ?, ?, ?) "
                + "on conflict (node_id) do update set endpoint = excluded.endpoint, region = excluded.region, updated_at = excluded.updated_at",
                nodeId, endpoint, region, Timestamp.from(at));
    }

    void claimed(UUID nodeId, String providerWallet, Instant at) {
        upsertFlag(nodeId, at, "claimed = true, provider_wallet = ?", providerWallet.toLowerCase(java.util.Locale.ROOT));
    }

    void online(UUID nodeId, boolean online, Instant at) {
        upsertFlag(nodeId, at, "online = ?", online);
    }

    void active(UUID nodeId, boolean active, Instant at) {
        upsertFlag(nodeId, at, "active = ?", active);
    }

    /**
     * The node is certified at {@code tier} until {@code until}, and so are its Data Units. A certification ending
     * earlier than the one recorded (an older event arriving late) changes nothing.
     */
    void certified(UUID nodeId, CertificationTier tier, Instant until, Instant at) {
        jdbc.update("insert into provider_node (node_id, updated_at) values (?, ?) on conflict (node_id) do nothing", nodeId, Timestamp.from(at));
        int changed = jdbc.update("update provider_node set certification_tier = ?, certified_until = ?, updated_at = ? "
                + "where node_id = ? and (certified_until is null or certified_until < ?)", tier.name(), Timestamp.from(until), Timestamp.from(at),
                nodeId, Timestamp.from(until));
        if (changed == 1) {
            jdbc.update("update data_unit set certification_tier = ?, certification_rank = ?, certified_until = ?, updated_at = greatest(updated_at, ?) "
                    + "where node_id = ?", tier.name(), tier.rank(), Timestamp.from(until), Timestamp.from(at), nodeId.toString());
        }
    }

    private void upsertFlag(UUID nodeId, Instant at, String assignment, Object value) {
        jdbc.update("insert into provider_node (node_id, updated_at) values (?, ?) on conflict (node_id) do nothing", nodeId, Timestamp.from(at));
        jdbc.update("update provider_node set " + assignment + ", updated_at = ? where node_id = ?", value, Timestamp.from(at), nodeId);
        relist(nodeId);
    }

    /** Re-applies the listing rule to the node's units after its status changed. */
    private void relist(UUID nodeId) {
        jdbc.update("""
                update data_unit u set listed = (u.state in ('AVAILABLE', 'RESERVED', 'IN_USE') and n.claimed and n.online and n.active),
                                       updated_at = n.updated_at
                from provider_node n where n.node_id = ? and u.node_id = n.node_id::text""", nodeId);
    }
}
