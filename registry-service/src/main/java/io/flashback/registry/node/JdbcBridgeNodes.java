package io.flashback.registry.node;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Bridge nodes, their claim codes and announcement nonces in PostgreSQL. */
@Component
class JdbcBridgeNodes implements BridgeNodeDirectory {

    private static final String COLUMNS = """
            id, node_address, endpoint, apis, region, capacity_bytes, version, state, provider_wallet, collateral,
            announced_at, claimed_at, bound_on_chain_at, last_heartbeat_at, offline_since""";

    record Secret(byte[] hash) {
    }

    record ClaimCode(UUID nodeId, String providerWallet, Instant expiresAt, Instant usedAt, Instant voidedAt) {
    }

    private final JdbcClient jdbc;

    JdbcBridgeNodes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<BridgeNode> activeAndOnline() {
        return jdbc.sql("select " + COLUMNS + " from bridge_node where state = 'ACTIVE' and offline_since is null order by announced_at")
                .query(JdbcBridgeNodes::node).list();
    }

    @Override
    public Optional<BridgeNode> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from bridge_node where id = ?").param(id).query(JdbcBridgeNodes::node).optional();
    }

    Optional<BridgeNode> lockById(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from bridge_node where id = ? for update").param(id).query(JdbcBridgeNodes::node).optional();
    }

    Optional<BridgeNode> lockByAddress(String nodeAddress) {
        return jdbc.sql("select " + COLUMNS + " from bridge_node where node_address = ? for update").param(nodeAddress)
                .query(JdbcBridgeNodes::node).optional();
    }

    List<BridgeNode> ofProvider(String wallet) {
        return jdbc.sql("select " + COLUMNS + " from bridge_node where provider_wallet = ? order by announced_at").param(wallet)
                .query(JdbcBridgeNodes::node).list();
    }

    byte[] secretHash(UUID id) {
        return jdbc.sql("select secret_hash from bridge_node where id = ?").param(id).query(byte[].class).single();
    }

    /** Records a (nodeAddress, nonce) pair; false when it was seen before (a replay). */
    boolean firstUseOfNonce(String nodeAddress, String nonce, Instant now) {
        return jdbc.sql("insert into node_announce_nonce (node_address, nonce, seen_at) values (?, ?, ?) on conflict do nothing")
                .params(nodeAddress, nonce, Timestamp.from(now)).update() == 1;
    }

    void forgetNoncesBefore(Instant cutoff) {
        jdbc.sql("delete from node_announce_nonce where seen_at < ?").param(Timestamp.from(cutoff)).update();
    }

    void insert(UUID id, NodeAnnouncement announcement, byte[] secretHash, Instant now) {
        jdbc.sql("""
                        insert into bridge_node (id, node_address, endpoint, apis, region, capacity_bytes, version, secret_hash, state,
                                                 announced_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, 'ANNOUNCED', ?, ?)""")
                .params(id, announcement.nodeAddress(), announcement.endpoint(), String.join(",", announcement.apis()), announcement.region(),
                        announcement.capacityBytes(), announcement.version(), secretHash, Timestamp.from(now), Timestamp.from(now))
                .update();
    }

    void updateDetails(UUID id, NodeAnnouncement announcement, byte[] newSecretHash, Instant now) {
        jdbc.sql("""
                        update bridge_node set endpoint = ?, apis = ?, region = ?, capacity_bytes = ?, version = ?,
                               secret_hash = coalesce(?, secret_hash), updated_at = ? where id = ?""")
                .params(announcement.endpoint(), String.join(",", announcement.apis()), announcement.region(), announcement.capacityBytes(),
                        announcement.version(), newSecretHash, Timestamp.from(now), id)
                .update();
    }

    void insertClaimCode(byte[] codeHash, UUID nodeId, String provider, Instant now, Instant expiresAt) {
        jdbc.sql("insert into node_claim_code (code_hash, node_id, provider_wallet, created_at, expires_at) values (?, ?, ?, ?, ?)")
                .params(codeHash, nodeId, provider, Timestamp.from(now), Timestamp.from(expiresAt)).update();
    }

    Optional<ClaimCode> lockClaimCode(byte[] codeHash) {
        return jdbc.sql("select node_id, provider_wallet, expires_at, used_at, voided_at from node_claim_code where code_hash = ? for update")
                .param(codeHash)
                .query((rs, n) -> new ClaimCode(rs.getObject(1, UUID.class), rs.getString(2), instant(rs, 3), instant(rs, 4), instant(rs, 5)))
                .optional();
    }

    void useClaimCode(byte[] codeHash, Instant now) {
        jdbc.sql("update node_claim_code set used_at = ? where code_hash = ?").params(Timestamp.from(now), codeHash).update();
    }

    void claim(UUID nodeId, String provider, long deadline, String signature, Instant now) {
        jdbc.sql("""
                        update bridge_node set state = 'CLAIMED', provider_wallet = ?, claim_deadline = ?, claim_signature = ?,
                               claimed_at = ?, updated_at = ? where id = ?""")
                .params(provider, deadline, signature, Timestamp.from(now), Timestamp.from(now), nodeId).update();
    }

    record StoredClaim(long deadline, String signature) {
    }

    Optional<StoredClaim> storedClaim(UUID nodeId) {
        return jdbc.sql("select claim_deadline, claim_signature from bridge_node where id = ? and claim_signature is not null")
                .param(nodeId).query((rs, n) -> new StoredClaim(rs.getLong(1), rs.getString(2))).optional();
    }

    /** The signed timestamp of the node's last accepted heartbeat (0 if none). */
    long lastHeartbeatTimestamp(UUID nodeId) {
        return jdbc.sql("select coalesce(last_heartbeat_timestamp, 0) from bridge_node where id = ?").param(nodeId).query(Long.class).single();
    }

    void heartbeat(UUID nodeId, long signedTimestamp, Instant now) {
        jdbc.sql("update bridge_node set last_heartbeat_at = ?, last_heartbeat_timestamp = ?, offline_since = null where id = ?")
                .params(Timestamp.from(now), signedTimestamp, nodeId).update();
    }

    /** Marks nodes silent since before {@code cutoff} offline and returns them (as they were before). */
    List<BridgeNode> markSilentOffline(Instant cutoff, Instant now) {
        return jdbc.sql("""
                        update bridge_node set offline_since = ? where offline_since is null
                          and coalesce(last_heartbeat_at, announced_at) < ?
                        returning\s""" + COLUMNS)
                .params(Timestamp.from(now), Timestamp.from(cutoff))
                .query(JdbcBridgeNodes::node).list();
    }

    private static BridgeNode node(ResultSet rs, int row) throws SQLException {
        BigDecimal collateral = rs.getBigDecimal("collateral");
        return new BridgeNode(rs.getObject("id", UUID.class), rs.getString("node_address"), rs.getString("endpoint"),
                Arrays.asList(rs.getString("apis").split(",")), rs.getString("region"), rs.getLong("capacity_bytes"),
                rs.getString("version"), NodeState.valueOf(rs.getString("state")), rs.getString("provider_wallet"),
                collateral == null ? null : collateral.toBigIntegerExact(), instant(rs, "announced_at"), instant(rs, "claimed_at"),
                instant(rs, "bound_on_chain_at"), instant(rs, "last_heartbeat_at"), instant(rs, "offline_since"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
