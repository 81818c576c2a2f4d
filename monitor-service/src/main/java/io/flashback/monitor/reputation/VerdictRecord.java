package io.flashback.monitor.reputation;

import java.time.LocalDate;

/**
 * One validator's verdict on one agreement's epoch, as it counts for a subject's day.
 *
 * @param day                   the UTC day the epoch started on
 * @param agreement             the escrow and its agreement number ({@code escrow:number})
 * @param met                   the validator said MET
 * @param measuredAvailabilityPct the availability it measured
 * @param targetPct             the agreement's availability target
 */
public record VerdictRecord(LocalDate day, String agreement, long epoch, boolean met, double measuredAvailabilityPct, double targetPct) {
}
