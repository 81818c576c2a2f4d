package io.flashback.chain;

/** Reads the contracts' events from a cursor the caller keeps. */
public interface ChainEvents {

    /** Events of at most {@code maxBlocks} confirmed blocks from {@code cursor}; an empty page at the head. */
    EventPage read(BlockCursor cursor, int maxBlocks);
}
