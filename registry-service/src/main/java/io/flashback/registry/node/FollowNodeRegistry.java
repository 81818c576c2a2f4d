package io.flashback.registry.node;

import io.flashback.chain.Address;
import io.flashback.chain.BlockCursor;
import io.flashback.chain.Bytes32;
import io.flashback.chain.ChainEvent;
import io.flashback.chain.ChainEvents;
import io.flashback.chain.EventPage;
import io.flashback.chain.NodeId;
import io.flashback.chain.web3j.Web3jChainEvents;
import io.flashback.events.outbox.Outbox;
import io.flashback.events.registry.NodeActivated;
import io.flashback.events.registry.NodeDeactivated;
import io.flashback.registry.RegistryProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Follows BridgeNodeRegistry's events from a cursor stored with their effects (one transaction per
 * page, the cursor row locked, so instances side by side never apply a page twice): a node's claim
 * seen on chain binds it for good, deposits, withdrawal requests and slashing move its collateral,
 * and a bound node is ACTIVE while its collateral reaches the configured minimum, INACTIVE when it
 * falls below (issue #5, step 4).
 */
@Service
public class FollowNodeRegistry implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(FollowNodeRegistry.class);
    private static final int REWIND_BLOCKS = 64;

    private final ClaimDomain domain;
    private final JdbcClient jdbc;
    private final JdbcBridgeNodes nodes;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final RegistryProperties.Chain settings;
    private volatile Web3j web3j;

    FollowNodeRegistry(ClaimDomain domain, JdbcClient jdbc, JdbcBridgeNodes nodes, Outbox outbox, TransactionTemplate transactions,
                       Clock clock, RegistryProperties properties) {
        this.domain = domain;
        this.jdbc = jdbc;
        this.nodes = nodes;
        this.outbox = outbox;
        this.transactions = transactions;
        this.clock = clock;
        this.settings = properties.chain();
    }

    @Scheduled(fixedDelayString = "${flashback.registry.chain.poll-interval:5s}", initialDelayString = "${flashback.registry.chain.poll-interval:5s}")
    void poll() {
        try {
            run();
        } catch (RuntimeException e) {
            // the chain or its RPC endpoint is unreachable: the cursor did not move, the next poll retries
            log.warn("could not follow BridgeNodeRegistry's events: {}", e.getMessage());
        }
    }

    /** Reads and applies one page of events; returns how many events it applied. */
    public int run() {
        if (settings.rpcUrl() == null || settings.rpcUrl().isBlank() || !domain.known()) {
            return 0;
        }
        ClaimDomain.Domain contract = domain.current();
        ChainEvents events = new Web3jChainEvents(web3j(), List.of(Address.of(contract.registry())), settings.confirmations(), REWIND_BLOCKS);
        Integer applied = transactions.execute(status -> {
            BlockCursor cursor = lockCursor(contract);
            EventPage page = events.read(cursor, settings.maxBlocks());
            int count = 0;
            for (ChainEvent event : page.events()) {
                if (firstTime(event)) {
                    apply(event);
                    count++;
                }
            }
            saveCursor(contract.registry(), page.next());
            return count;
        });
        return applied == null ? 0 : applied;
    }

    private void apply(ChainEvent event) {
        switch (event) {
            case ChainEvent.NodeClaimed claimed -> platformNode(claimed.nodeId()).ifPresent(node -> {
                if (node.nodeAddress().equals(claimed.nodeAddress().value()) && claimed.provider().value().equals(node.providerWallet())) {
                    jdbc.sql("update bridge_node set bound_on_chain_at = ? where id = ?").params(Timestamp.from(clock.instant()), node.id()).update();
                    evaluate(node.id());
                } else {
                    log.warn("node {} was claimed on chain by {} with node address {}, which is not the binding the platform recorded",
                            node.id(), claimed.provider(), claimed.nodeAddress());
                }
            });
            case ChainEvent.CollateralDeposited deposited -> platformNode(deposited.nodeId()).ifPresent(node -> {
                setCollateral(node.id(), deposited.bonded());
                evaluate(node.id());
            });
            case ChainEvent.WithdrawalRequested withdrawal -> platformNode(withdrawal.nodeId()).ifPresent(node -> {
                setCollateral(node.id(), collateral(node.id()).subtract(withdrawal.amount()));
                evaluate(node.id());
            });
            case ChainEvent.CollateralSlashed slashed -> platformNode(slashed.nodeId()).ifPresent(node -> {
                setCollateral(node.id(), collateral(node.id()).subtract(slashed.amount()));
                evaluate(node.id());
            });
            default -> {
                // locking, unlocking and withdrawing unbonded collateral leave the bonded amount as it is
            }
        }
    }

    /** ACTIVE while bound on chain with enough collateral; INACTIVE once an active node falls below. */
    private void evaluate(UUID nodeId) {
        record Row(String state, String provider, BigDecimal collateral, boolean bound) {
        }
        Row row = jdbc.sql("select state, provider_wallet, collateral, bound_on_chain_at is not null from bridge_node where id = ? for update")
                .param(nodeId).query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getBigDecimal(3), rs.getBoolean(4))).single();
        BigDecimal collateral = row.collateral() == null ? BigDecimal.ZERO : row.collateral();
        boolean enough = row.bound() && collateral.compareTo(new BigDecimal(settings.minimumCollateral())) >= 0;
        NodeState state = NodeState.valueOf(row.state());
        Instant now = clock.instant();
        if (enough && state != NodeState.ACTIVE) {
            setState(nodeId, NodeState.ACTIVE, now);
            outbox.publish(new NodeActivated(UUID.randomUUID(), now, nodeId, row.provider(), collateral));
        } else if (!enough && state == NodeState.ACTIVE) {
            setState(nodeId, NodeState.INACTIVE, now);
            outbox.publish(new NodeDeactivated(UUID.randomUUID(), now, nodeId, row.provider(), collateral));
        }
    }

    private void setState(UUID nodeId, NodeState state, Instant now) {
        jdbc.sql("update bridge_node set state = ?, updated_at = ? where id = ?").params(state.name(), Timestamp.from(now), nodeId).update();
    }

    private void setCollateral(UUID nodeId, BigInteger bonded) {
        jdbc.sql("update bridge_node set collateral = ? where id = ?").params(new BigDecimal(bonded.max(BigInteger.ZERO)), nodeId).update();
    }

    private BigInteger collateral(UUID nodeId) {
        BigDecimal value = jdbc.sql("select collateral from bridge_node where id = ?").param(nodeId).query(BigDecimal.class).optional().orElse(null);
        return value == null ? BigInteger.ZERO : value.toBigIntegerExact();
    }

    /** The platform's node behind an on-chain id (a UUID left-aligned in 32 bytes), if it is one of ours. */
    private Optional<BridgeNode> platformNode(NodeId nodeId) {
        byte[] bytes = nodeId.value().bytes();
        for (int i = 16; i < 32; i++) {
            if (bytes[i] != 0) {
                return Optional.empty();
            }
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return nodes.find(new UUID(buffer.getLong(), buffer.getLong()));
    }

    private boolean firstTime(ChainEvent event) {
        return jdbc.sql("insert into chain_event_applied (id, applied_at) values (?, ?) on conflict do nothing")
                .params(event.position().id(), Timestamp.from(clock.instant())).update() == 1;
    }

    private BlockCursor lockCursor(ClaimDomain.Domain contract) {
        jdbc.sql("insert into chain_cursor (contract, next_block, updated_at) values (?, ?, ?) on conflict do nothing")
                .params(contract.registry(), contract.deploymentBlock(), Timestamp.from(clock.instant())).update();
        return jdbc.sql("select next_block, previous_hash from chain_cursor where contract = ? for update").param(contract.registry())
                .query((rs, n) -> new BlockCursor(rs.getLong(1), Optional.ofNullable(rs.getString(2)).map(Bytes32::new))).single();
    }

    private void saveCursor(String contract, BlockCursor next) {
        jdbc.sql("update chain_cursor set next_block = ?, previous_hash = ?, updated_at = ? where contract = ?")
                .params(next.nextBlock(), next.previousBlockHash().map(Bytes32::value).orElse(null), Timestamp.from(clock.instant()), contract)
                .update();
    }

    private Web3j web3j() {
        if (web3j == null) {
            synchronized (this) {
                if (web3j == null) {
                    web3j = Web3j.build(new HttpService(settings.rpcUrl()));
                }
            }
        }
        return web3j;
    }

    @Override
    public void destroy() {
        if (web3j != null) {
            web3j.shutdown();
        }
    }
}
