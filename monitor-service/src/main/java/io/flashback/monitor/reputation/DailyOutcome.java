package io.flashback.monitor.reputation;

import java.time.LocalDate;

/**
 * What one day showed of a Data Unit or provider.
 *
 * @param reporting whether the node's metric batches for the day arrived within the deadline, as the oracle's
 *                  verdicts note it ({@link Reporting#UNKNOWN} moves nothing: no reports, or a day judged by probes)
 * @param slaMet    whether the day's SLA verdicts were MET (or, judged by probes, the probe availability
 *                  reached the target)
 * @param margin    how far the unit beat (positive) or missed (negative) its availability target's error
 *                  budget, as a fraction: 0.25 = 25 % better than promised
 * @param evidence  what judged the day
 */
public record DailyOutcome(LocalDate day, Reporting reporting, boolean slaMet, double margin, Evidence evidence) {

    public enum Reporting { ON_TIME, LATE, UNKNOWN }

    public enum Evidence {
        /** the oracle's verdicts on the day's epochs */
        SLA_VERDICTS,
        /** no verdict covered the day: the platform's own probes did */
        PROBES
    }

    /** A day judged by SLA verdicts with known reporting punctuality. */
    public DailyOutcome(LocalDate day, boolean reportedOnTime, boolean slaMet, double margin) {
        this(day, reportedOnTime ? Reporting.ON_TIME : Reporting.LATE, slaMet, margin, Evidence.SLA_VERDICTS);
    }
}
