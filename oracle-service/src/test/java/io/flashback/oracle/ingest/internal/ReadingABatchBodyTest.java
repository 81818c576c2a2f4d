package io.flashback.oracle.ingest.internal;

import io.flashback.oracle.ingest.IngestFixtures;
import io.flashback.oracle.ingest.MetricBatch;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadingABatchBodyTest {

    static final Instant MINUTE = Instant.parse("2026-11-23T12:00:00Z");

    @Test
    void aBodyAsANodeWritesItReadsBackIntoTheBatch() {
        MetricBatch batch = IngestFixtures.signed(UUID.randomUUID(), IngestFixtures.PINNED_KEY, 9, MINUTE.plusSeconds(65),
                List.of(IngestFixtures.sample("42", MINUTE), IngestFixtures.sample(UUID.randomUUID().toString(), MINUTE.plusSeconds(60))));

        assertThat(BatchJsonReader.read(IngestFixtures.json(batch))).isEqualTo(batch);
    }

    @Test
    void minutesAreReadAsTheGeneralParserReadsThemAndAnInstantWithinAMinuteIsMarked() {
        for (String text : List.of("2026-11-23T12:00:00Z", "1970-01-01T00:00:00Z", "2024-02-29T23:59:00Z", "2026-11-23T12:00:00.000Z")) {
            assertThat(BatchJsonReader.minute(text)).as(text).isEqualTo(Instant.parse(text).getEpochSecond());
        }
        assertThat(BatchJsonReader.minute("2026-11-23T12:00:30Z")).isEqualTo(-1);
        assertThat(BatchJsonReader.minute("2026-11-23T12:00:00.5Z")).isEqualTo(-1);
        assertThatThrownBy(() -> BatchJsonReader.minute("2026-02-30T12:00:00Z")).isInstanceOf(java.time.DateTimeException.class);
    }

    @Test
    void unknownMissingOrMistypedFieldsAreRefused() {
        String sample = new String(IngestFixtures.json(IngestFixtures.signed(UUID.randomUUID(), IngestFixtures.PINNED_KEY, 1, MINUTE,
                List.of(IngestFixtures.sample("42", MINUTE)))), StandardCharsets.UTF_8);

        assertThatThrownBy(() -> read(sample.replace("\"sequence\"", "\"extra\":1,\"sequence\""))).hasMessageContaining("unknown field 'extra'");
        assertThatThrownBy(() -> read(sample.replace("\"storedBytes\":1073741824", "\"storedBytes\":1073741824,\"bonus\":1")))
                .hasMessageContaining("unknown sample field 'bonus'");
        assertThatThrownBy(() -> read(sample.replace(",\"storedBytes\":1073741824", ""))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> read(sample.replace("\"requests\":120", "\"requests\":\"120\""))).hasMessageContaining("whole number");
        assertThatThrownBy(() -> read(sample.replace("\"requests\":120", "\"requests\":1.5"))).hasMessageContaining("whole number");
    }

    private static MetricBatch read(String body) {
        return BatchJsonReader.read(body.getBytes(StandardCharsets.UTF_8));
    }
}
