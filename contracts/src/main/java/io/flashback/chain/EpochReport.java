package io.flashback.chain;

/** What validators sign per epoch (EIP-712 struct {@code EpochReport(uint32 epoch,bytes32 root)}). */
public record EpochReport(long epoch, Bytes32 root) {
}
