package io.flashback.oracle.ingest;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class IngestLimitsTest {

    static final Instant NOW = Instant.parse("2026-11-23T12:01:30Z");
    static final IngestLimits LIMITS = new IngestLimits(3, Duration.ofDays(7), Duration.ofMinutes(5));
    static final String AGREEMENT = "7c0f5a1e-3b2d-4c8e-9f10-2a3b4c5d6e7f";
    static final Instant MINUTE = Instant.parse("2026-11-23T12:00:00Z");

    @Test
    void anOrdinaryBatchIsWithinTheLimits() {
        assertThat(LIMITS.problems(batch(IngestFixtures.sample(AGREEMENT, MINUTE)), NOW)).isEmpty();
    }

    @Test
    void aSampleOfAMinuteThatHasNotEndedYetIsRefusedBeyondTheClockSkew() {
        assertThat(LIMITS.problems(batch(IngestFixtures.sample(AGREEMENT, NOW.plus(Duration.ofMinutes(10)))), NOW))
                .anyMatch(p -> p.contains("minute"));
    }

    @Test
    void minutesOlderThanTheMaximumAgeAreRefused() {
        assertThat(LIMITS.problems(batch(IngestFixtures.sample(AGREEMENT, NOW.minus(Duration.ofDays(8)))), NOW))
                .anyMatch(p -> p.contains("older than 168 h"));
    }

    @Test
    void countsMustAddUp() {
        UsageSample s = IngestFixtures.sample(AGREEMENT, MINUTE);
        UsageSample inconsistent = new UsageSample(AGREEMENT, s.minuteEpochSecond(), s.requests(), 100, 30, Map.of("GetObject", 5L),
                s.bytesIn(), s.bytesOut(), s.latencySumMs(), s.latencyMaxMs(), List.of(1L, 2L), s.uploadBytes() * 2, s.uploadMillis(),
                s.downloadBytes(), s.downloadMillis(), s.storedBytes());

        assertThat(LIMITS.problems(batch(inconsistent), NOW)).anySatisfy(p -> assertThat(p).contains("errors no more than the requests"))
                .anySatisfy(p -> assertThat(p).contains("requestsByOperation adds up to 5"))
                .anySatisfy(p -> assertThat(p).contains("latencyHistogram must have 12 buckets"))
                .anySatisfy(p -> assertThat(p).contains("uploadBytes within bytesIn"));
    }

    @Test
    void aBatchHoldsAtMostTheConfiguredNumberOfSamplesAndEachAgreementMinuteOnce() {
        UsageSample s = IngestFixtures.sample(AGREEMENT, MINUTE);

        assertThat(LIMITS.problems(batch(Collections.nCopies(4, s).toArray(UsageSample[]::new)), NOW)).anyMatch(p -> p.contains("1 to 3"));
        assertThat(LIMITS.problems(batch(s, s), NOW)).anyMatch(p -> p.contains("minute twice"));
    }

    @Test
    void agreementIdsArePlatformUuidsOrEscrowNumbers() {
        assertThat(IngestLimits.agreementIdWellFormed(AGREEMENT)).isTrue();
        assertThat(IngestLimits.agreementIdWellFormed("42")).isTrue();
        assertThat(IngestLimits.agreementIdWellFormed("042")).isFalse();
        assertThat(IngestLimits.agreementIdWellFormed("7C0F5A1E-3B2D-4C8E-9F10-2A3B4C5D6E7F")).isFalse();
        assertThat(IngestLimits.agreementIdWellFormed("x'; drop table node_sample; --")).isFalse();
    }

    private static MetricBatch batch(UsageSample... samples) {
        return IngestFixtures.signed(UUID.randomUUID(), IngestFixtures.PINNED_KEY, 1, NOW, List.of(samples));
    }
}
