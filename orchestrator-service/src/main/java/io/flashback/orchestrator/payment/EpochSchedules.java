package io.flashback.orchestrator.payment;

import io.flashback.orchestrator.agreement.Agreement;

import java.time.Instant;

/** When an agreement funded at a given time runs, in the oracle's epochs. */
public interface EpochSchedules {

    /** From the epoch after {@code fundedAt}, over whole epochs covering the agreement's term (as the escrow plans it). */
    EpochSchedule scheduleFor(Agreement agreement, Instant fundedAt);
}
