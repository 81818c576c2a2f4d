package io.flashback.monitor.node.internal;

import io.flashback.monitor.node.MonitoredNode;
import io.flashback.monitor.node.MonitoredNodes;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code monitored_node}: one row per node, created by whichever of its events arrives first, each
 * event setting only the columns it knows.
 */
@Repository
class JdbcMonitoredNodes implements MonitoredNodes {

    private static final String COLUMNS = "node_id, endpoint, apis, region, provider_wallet, claimed, active, online";
    private static final RowMapper<MonitoredNode> NODE = (rs, row) -> new MonitoredNode(rs.getObject(1, UUID.class), rs.getString(2),
            rs.getString(3), rs.getString(4), rs.getString(5), rs.getBoolean(6), rs.getBoolean(7), rs.getBoolean(8));

    private final JdbcTemplate jdbc;

    JdbcMonitoredNodes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<MonitoredNode> find(UUID nodeId) {
        return jdbc.query("select " + COLUMNS + " from monitored_node where node_id = ?", NODE, nodeId).stream().findFirst();
    }

    @Override
    public List<MonitoredNode> probeTargets() {
        return jdbc.query("select " + COLUMNS + " from monitored_node where claimed and endpoint is not null order by node_id", NODE)
                .stream().filter(MonitoredNode::probed).toList();
    }

    @Override
    public boolean knowsProvider(String wallet) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from monitored_node where provider_wallet = ?)",
                Boolean.class, wallet.toLowerCase(Locale.ROOT)));
    }

    void announced(UUID nodeId, String endpoint, String apis, String region, Instant at) {
        jdbc.update("insert into monitored_node (node_id, endpoint, apis, region, updated_at) values (?, ?, ?, ?, ?) "
                        + "on conflict (node_id) do update set endpoint = excluded.endpoint, apis = excluded.apis, region = excluded.region, "
                        + "updated_at = excluded.updated_at",
                nodeId, endpoint, apis, region, Timestamp.from(at));
    }

    void claimed(UUID nodeId, String providerWallet, Instant at) {
        set(nodeId, at, "claimed = true, provider_wallet = ?", providerWallet.toLowerCase(Locale.ROOT));
    }

    void active(UUID nodeId, boolean active, String providerWallet, Instant at) {
        set(nodeId, at, "active = ?", active);
        knowWallet(nodeId, providerWallet);
    }

    void online(UUID nodeId, boolean online, String providerWallet, Instant at) {
        set(nodeId, at, "online = ?", online);
        knowWallet(nodeId, providerWallet);
    }

    /** Later events carry the wallet too: it fills the gap if the claim was missed (never overwrites it). */
    private void knowWallet(UUID nodeId, String providerWallet) {
        if (providerWallet != null && !providerWallet.isBlank()) {
            jdbc.update("update monitored_node set provider_wallet = ?, claimed = true where node_id = ? and provider_wallet is null",
                    providerWallet.toLowerCase(Locale.ROOT), nodeId);
        }
    }

    private void set(UUID nodeId, Instant at, String assignment, Object value) {
        jdbc.update("insert into monitored_node (node_id, updated_at) values (?, ?) on conflict (node_id) do nothing", nodeId, Timestamp.from(at));
        jdbc.update("update monitored_node set " + assignment + ", updated_at = ? where node_id = ?", value, Timestamp.from(at), nodeId);
    }
}
