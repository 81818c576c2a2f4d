package io.flashback.oracle.epoch;

import io.flashback.chain.Address;
import io.flashback.chain.Bytes32;

import java.time.Instant;
import java.util.Optional;

/**
 * A validator's stored progress on one epoch.
 *
 * @param quorumAt  when this validator first saw k matching signatures (starts the take-over clock)
 * @param submitter the validator designated to report and settle, once known
 */
public record EpochRecord(long epoch, EpochState state, Optional<Bytes32> root, int agreements, Optional<Instant> quorumAt,
                          Optional<Address> submitter) {
}
