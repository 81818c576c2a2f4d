package io.flashback.monitor.reputation;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ReputationTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 23);

    @Test
    void startsAtFifty() {
        assertThat(Reputation.fresh(DAY).score()).isEqualTo(50);
    }

    @Test
    void goodDayAddsUpToSixWithItsReasons() {
        Reputation after = Reputation.fresh(DAY).after(new DailyOutcome(DAY, true, true, 0.3));

        assertThat(after.score()).isEqualTo(56);
        assertThat(after.history()).extracting(Reputation.Change::reason)
                .containsExactly("metrics reported on time", "SLA met", "beat the SLA by more than 20 %");
    }

    @Test
    void badDayTakesUpToSix() {
        assertThat(Reputation.fresh(DAY).after(new DailyOutcome(DAY, false, false, -0.5)).score()).isEqualTo(44);
    }

    @Test
    void staysWithinZeroAndHundred() {
        Reputation reputation = Reputation.fresh(DAY);
        for (int i = 0; i < 30; i++) {
            reputation = reputation.after(new DailyOutcome(DAY.plusDays(i), true, true, 1));
        }
        assertThat(reputation.score()).isEqualTo(100);
        assertThat(reputation.history()).hasSizeLessThanOrEqualTo(90);
    }

    @Test
    void decaysTenPointsAMonthTowardFiftyAndNoFurther() {
        Reputation high = new Reputation(80, DAY, java.util.List.of());

        assertThat(high.decayed(DAY.plusDays(30), 30).score()).isCloseTo(70, within(1e-9));
        assertThat(high.decayed(DAY.plusDays(300), 300).score()).isEqualTo(50);
        assertThat(new Reputation(45, DAY, java.util.List.of()).decayed(DAY.plusDays(60), 60).score()).isEqualTo(50);
    }

    @Test
    void warnsBeforeADayThatWouldDropTheScoreUnderTheThreshold() {
        Reputation reputation = new Reputation(42, DAY, java.util.List.of());

        var warning = PenaltyWarning.check(reputation, new DailyOutcome(DAY, true, false, -0.3), 40);

        assertThat(warning).hasValueSatisfying(w -> {
            assertThat(w.projected()).isEqualTo(38);
            assertThat(w.reasons()).isEqualTo("SLA breached; missed the SLA by more than 20 %");
        });
        assertThat(PenaltyWarning.check(reputation, new DailyOutcome(DAY, true, true, 0), 40)).isEmpty();
    }
}
