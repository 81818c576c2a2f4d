package io.flashback.monitor.reputation;

import java.time.LocalDate;

/**
 * What one day showed of a Data Unit.
 *
 * @param reportedOnTime whether the node's metric batches for the day arrived within the deadline
 * @param slaMet         whether the day's SLA verdicts were MET
 * @param margin         how far the unit beat (positive) or missed (negative) its availability
 *                       target's error budget, as a fraction: 0.25 = 25 % better than promised
 */
public record DailyOutcome(LocalDate day, boolean reportedOnTime, boolean slaMet, double margin) {
}
