package io.flashback.orchestrator.escrow.internal;

import io.flashback.chain.BlockCursor;
import io.flashback.chain.Bytes32;
import io.flashback.chain.ChainEvent;
import io.flashback.chain.ChainEvents;
import io.flashback.chain.EventPage;
import io.flashback.orchestrator.escrow.FollowEscrow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;

/**
 * Reads the escrow's events page by page. Each page is applied in one transaction together with the
 * new cursor, under a row lock on the cursor: a crash replays at most the page that did not commit,
 * and two instances (or a poll racing another) take turns instead of applying a page twice.
 */
class EscrowFollower {

    static final String CURSOR = "sla-escrow";
    private static final Logger log = LoggerFactory.getLogger(EscrowFollower.class);
    private static final int MAX_PAGES_PER_POLL = 20;

    private final ChainEvents events;
    private final FollowEscrow follow;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final long startBlock;
    private final int maxBlocks;
    private final Clock clock;

    EscrowFollower(ChainEvents events, FollowEscrow follow, JdbcTemplate jdbc, TransactionTemplate transactions, long startBlock, int maxBlocks,
                   Clock clock) {
        this.events = events;
        this.follow = follow;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.startBlock = startBlock;
        this.maxBlocks = maxBlocks;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${flashback.orchestrator.chain.poll-interval:2s}")
    void poll() {
        try {
            for (int page = 0; page < MAX_PAGES_PER_POLL; page++) {
                Boolean more = transactions.execute(status -> readPage());
                if (!Boolean.TRUE.equals(more)) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            // the chain or the database is away; the cursor did not move, so the next poll retries the same page
            log.warn("escrow events not read this time: {}", e.toString());
        }
    }

    /** Applies one page; true when it had blocks, so there may be more behind it. */
    private boolean readPage() {
        jdbc.update("insert into chain_cursor (name, next_block, previous_block_hash, updated_at) values (?, ?, null, ?) on conflict do nothing",
                CURSOR, startBlock, Timestamp.from(clock.instant()));
        BlockCursor cursor = jdbc.queryForObject("select next_block, previous_block_hash from chain_cursor where name = ? for update",
                (rs, row) -> new BlockCursor(rs.getLong(1), Optional.ofNullable(rs.getString(2)).map(Bytes32::new)), CURSOR);
        EventPage page = events.read(cursor, maxBlocks);
        if (page.rewound()) {
            log.warn("chain re-org seen at block {}: re-reading from block {}", cursor.nextBlock(), page.next().nextBlock());
        }
        for (ChainEvent event : page.events()) {
            follow.apply(event);
        }
        jdbc.update("update chain_cursor set next_block = ?, previous_block_hash = ?, updated_at = ? where name = ?", page.next().nextBlock(),
                page.next().previousBlockHash().map(Bytes32::value).orElse(null), Timestamp.from(clock.instant()), CURSOR);
        return page.next().nextBlock() != cursor.nextBlock();
    }
}
