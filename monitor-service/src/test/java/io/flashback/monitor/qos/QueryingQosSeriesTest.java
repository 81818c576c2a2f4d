package io.flashback.monitor.qos;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryingQosSeriesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:34:56Z"), ZoneOffset.UTC);

    @Test
    void defaultsToTheLastHourByMinuteAndTheLastDayByHour() {
        assertThat(QosQuery.of(null, null, null, null, CLOCK)).isEqualTo(new QosQuery(Resolution.MINUTE,
                Instant.parse("2026-11-23T11:34:00Z"), Instant.parse("2026-11-23T12:34:56Z"), Optional.empty()));
        assertThat(QosQuery.of("HOUR", null, null, " eu-west ", CLOCK)).isEqualTo(new QosQuery(Resolution.HOUR,
                Instant.parse("2026-11-22T12:00:00Z"), Instant.parse("2026-11-23T12:34:56Z"), Optional.of("eu-west")));
    }

    @Test
    void fromStartsAtItsBucket() {
        QosQuery query = QosQuery.of("hour", "2026-11-20T10:15:00Z", "2026-11-21T00:00:00Z", null, CLOCK);

        assertThat(query.from()).isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
        assertThat(query.to()).isEqualTo(Instant.parse("2026-11-21T00:00:00Z"));
    }

    @Test
    void rejectsWhatItCannotAnswerSayingWhy() {
        assertThatThrownBy(() -> QosQuery.of("second", null, null, null, CLOCK))
                .isInstanceOf(InvalidQosQuery.class).hasMessage("resolution must be minute or hour, not 'second'");
        assertThatThrownBy(() -> QosQuery.of("minute", "yesterday", null, null, CLOCK))
                .hasMessage("from must be an ISO-8601 instant such as 2026-11-23T10:00:00Z, not 'yesterday'");
        assertThatThrownBy(() -> QosQuery.of("minute", "2026-11-23T12:00:00Z", "2026-11-23T11:00:00Z", null, CLOCK))
                .hasMessage("from (2026-11-23T12:00:00Z) must be before to (2026-11-23T11:00:00Z)");
        assertThatThrownBy(() -> QosQuery.of("minute", "2026-11-20T00:00:00Z", "2026-11-23T00:00:00Z", null, CLOCK))
                .hasMessage("a minute series covers at most 24 hours; ask for a shorter range or resolution=hour");
        assertThatThrownBy(() -> QosQuery.of("hour", "2026-01-01T00:00:00Z", "2026-11-23T00:00:00Z", null, CLOCK))
                .hasMessage("an hour series covers at most 92 days; ask for a shorter range");
        assertThatThrownBy(() -> QosQuery.of(null, null, null, "x".repeat(101), CLOCK)).hasMessage("location is at most 100 characters");
    }
}
