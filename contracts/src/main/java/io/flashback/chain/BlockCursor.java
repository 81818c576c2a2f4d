package io.flashback.chain;

import java.util.Optional;

/**
 * Where a reader of chain events stands: the next block to read and the hash of the block before
 * it, as the reader saw it. The caller stores it (database row, file) with the effects of the events
 * it processed, so a restart resumes where it stopped; the hash lets the next read notice a re-org.
 */
public record BlockCursor(long nextBlock, Optional<Bytes32> previousBlockHash) {

    public static BlockCursor startingAt(long block) {
        return new BlockCursor(block, Optional.empty());
    }
}
