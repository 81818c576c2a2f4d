package io.flashback.monitor.reputation;

import java.time.LocalDate;
import java.util.List;

/** The evidence about a subject's days: verdicts on its agreements and probes of its nodes. */
public interface ReputationEvidence {

    List<VerdictRecord> verdicts(Subject subject, LocalDate from, LocalDate to);

    List<ProbeDay> probeDays(Subject subject, LocalDate from, LocalDate to);
}
