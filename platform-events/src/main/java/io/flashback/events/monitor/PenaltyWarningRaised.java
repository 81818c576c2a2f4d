package io.flashback.events.monitor;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * If {@code day} ends as it is going, the subject's reputation falls below {@code threshold}: the
 * provider hears it now, with the reasons, while there is time to act. At most one per subject and day.
 *
 * @param subjectKind PROVIDER or DATA_UNIT
 * @param subjectId   the provider's wallet (lower case) or the Data Unit's id
 * @param day         the day still running (ISO-8601 date, UTC)
 */
public record PenaltyWarningRaised(UUID eventId, Instant occurredAt, String subjectKind, String subjectId, String day,
                                   BigDecimal currentScore, BigDecimal projectedScore, BigDecimal threshold, String reasons)
        implements MonitorEvent {

    @Override
    public String aggregateId() {
        return subjectId;
    }
}
