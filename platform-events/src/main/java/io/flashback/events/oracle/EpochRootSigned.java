package io.flashback.events.oracle;

import java.time.Instant;
import java.util.UUID;

/**
 * A validator signed an epoch's result root (EIP-712 {@code EpochReport(uint32 epoch,bytes32 root)} in
 * the OracleHub's domain). Validators meet through these events: once k distinct validators of the
 * hub signed the same root, one of them submits the report. Keyed by hub and epoch so an epoch's
 * signatures share a partition.
 */
public record EpochRootSigned(UUID eventId, Instant occurredAt, long chainId, String oracleHub, String escrow, long epoch,
                              String root, int agreements, String validator, String signature) implements OracleEvent {

    @Override
    public String aggregateId() {
        return oracleHub + ":" + epoch;
    }
}
