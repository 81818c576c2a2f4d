package io.flashback.events.monitor;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A reputation (0–100, starting at 50) moved after the days up to {@code day} were settled: by SLA
 * verdicts or probe availability, or by decay toward 50 without data. The marketplace shows it as the
 * rating.
 *
 * @param subjectKind PROVIDER or DATA_UNIT
 * @param subjectId   the provider's wallet (lower case) or the Data Unit's id
 * @param day         the last day settled (ISO-8601 date, UTC)
 * @param reasons     the changes applied, {@code "; "}-separated, each as {@code "<day> <±delta> <reason>"}
 */
public record ReputationChanged(UUID eventId, Instant occurredAt, String subjectKind, String subjectId, String day,
                                BigDecimal previousScore, BigDecimal score, String reasons) implements MonitorEvent {

    @Override
    public String aggregateId() {
        return subjectId;
    }
}
