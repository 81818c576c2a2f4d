package io.flashback.oracle.epoch;

import io.flashback.chain.AgreementId;
import io.flashback.oracle.OracleIntegrationTest;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How punctually a node reported an agreement's minutes, from the time its batches reached the platform: what the
 * verdicts note for reputation ({@code REPORTS_ON_TIME}, {@code REPORTS_LATE:…}).
 */
class ReportingPunctualityIT extends OracleIntegrationTest {

    private static final Instant START = Instant.parse("2026-11-20T10:00:00Z");
    private static final Duration DEADLINE = Duration.ofMinutes(5);

    @Test
    void minutesWhoseBatchArrivedAfterTheDeadlineAreLateAndTheOthersOnTime() {
        AgreementId agreement = new AgreementId(BigInteger.valueOf(900_000_000L + System.nanoTime() % 1_000_000));
        UUID node = UUID.randomUUID();
        batch(node, 1, START.plus(Duration.ofMinutes(2)));                     // minute 0: 1 min after it ended
        batch(node, 2, START.plus(Duration.ofMinutes(7)));                     // minute 1: 5 min after, just in time
        batch(node, 3, START.plus(Duration.ofMinutes(9)));                     // minute 2: 6 min after: late
        sample(agreement, node, START, 1);
        sample(agreement, node, START.plusSeconds(60), 2);
        sample(agreement, node, START.plusSeconds(120), 3);
        sample(agreement, node, START.plusSeconds(3600), 3);                   // outside the epoch asked about

        EpochInputs.Punctuality punctuality = inputs.punctuality(agreement, START, START.plus(Duration.ofMinutes(30)), DEADLINE);

        assertThat(punctuality).isEqualTo(new EpochInputs.Punctuality(3, 1));
        assertThat(punctuality.flag()).contains("REPORTS_LATE:1_OF_3_MINUTES");
        assertThat(inputs.punctuality(agreement, START, START.plus(Duration.ofMinutes(2)), DEADLINE).flag()).contains("REPORTS_ON_TIME");
        assertThat(inputs.punctuality(agreement, START.plus(Duration.ofHours(5)), START.plus(Duration.ofHours(6)), DEADLINE).flag())
                .as("an idle epoch says nothing about punctuality").isEmpty();
    }

    private void batch(UUID node, long sequence, Instant receivedAt) {
        jdbc.update("insert into metric_batch (node_id, sequence, digest, created_at, received_at, samples) values (?, ?, ?, ?, ?, 1)",
                node, sequence, "0x" + "ab".repeat(32), Timestamp.from(receivedAt.minusSeconds(1)), Timestamp.from(receivedAt));
    }

    private void sample(AgreementId agreement, UUID node, Instant minute, long sequence) {
        jdbc.update("""
                        insert into node_sample (agreement_id, minute, requests, server_errors, client_errors, latency_sum_ms, upload_mbps,
                                                 download_mbps, node_id, batch_sequence)
                        values (?, ?, 10, 0, 0, 100, 0, 0, ?, ?)""",
                new BigDecimal(agreement.value()), Timestamp.from(minute), node, sequence);
    }
}
