package io.flashback.oracle.epoch;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class EpochsTest {

    private final Epochs epochs = new Epochs(Instant.parse("2026-11-23T00:00:00Z"), Duration.ofHours(1));

    @Test
    void epochsFollowTheHubsGenesisAndLength() {
        assertThat(epochs.epochAt(Instant.parse("2026-11-23T00:00:00Z"))).isZero();
        assertThat(epochs.epochAt(Instant.parse("2026-11-23T02:59:59Z"))).isEqualTo(2);
        assertThat(epochs.start(3)).isEqualTo(Instant.parse("2026-11-23T03:00:00Z"));
        assertThat(epochs.end(3)).isEqualTo(Instant.parse("2026-11-23T04:00:00Z"));
        assertThat(epochs.epochAt(Instant.parse("2026-11-22T23:59:59Z"))).isEqualTo(-1);
    }

    @Test
    void anEpochIsJudgedOnlyOnceItsLateInputsHadTimeToArrive() {
        Instant justAfterEpoch2 = Instant.parse("2026-11-23T03:01:00Z");

        assertThat(epochs.lastFinished(justAfterEpoch2, Duration.ZERO)).isEqualTo(2);
        assertThat(epochs.lastFinished(justAfterEpoch2, Duration.ofMinutes(5))).isEqualTo(1);
    }
}
