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
 * @param reporting             how punctually the node reported the epoch's minutes, from the verdict's flags
 *                              ({@code REPORTS_ON_TIME}, {@code REPORTS_LATE:…}); UNKNOWN without reports
 */
public record VerdictRecord(LocalDate day, String agreement, long epoch, boolean met, double measuredAvailabilityPct, double targetPct,
                            DailyOutcome.Reporting reporting) {

    public VerdictRecord(LocalDate day, String agreement, long epoch, boolean met, double measuredAvailabilityPct, double targetPct) {
        this(day, agreement, epoch, met, measuredAvailabilityPct, targetPct, DailyOutcome.Reporting.UNKNOWN);
    }

    /** The punctuality a verdict's flags (comma-separated) tell. */
    public static DailyOutcome.Reporting reportingOf(String flags) {
        if (flags == null) {
            return DailyOutcome.Reporting.UNKNOWN;
        }
        for (String flag : flags.split(",")) {
            if (flag.strip().startsWith("REPORTS_LATE")) {
                return DailyOutcome.Reporting.LATE;
            }
        }
        return java.util.Arrays.stream(flags.split(",")).anyMatch(flag -> flag.strip().equals("REPORTS_ON_TIME"))
                ? DailyOutcome.Reporting.ON_TIME : DailyOutcome.Reporting.UNKNOWN;
    }
}
