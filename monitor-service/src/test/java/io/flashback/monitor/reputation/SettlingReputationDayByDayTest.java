package io.flashback.monitor.reputation;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SettlingReputationDayByDayTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 23);

    @Test
    void dayWithAVerdictMovesTheScoreWithItsReasons() {
        var settled = ReputationDays.settle(Reputation.fresh(DAY.minusDays(1)), DAY,
                Map.of(DAY, new DailyOutcome(DAY, DailyOutcome.Reporting.UNKNOWN, true, 0.5, DailyOutcome.Evidence.SLA_VERDICTS)));

        assertThat(settled.after().score()).isEqualTo(55);
        assertThat(settled.after().asOf()).isEqualTo(DAY);
        assertThat(settled.applied()).extracting(Reputation.Change::reason).containsExactly("SLA met", "beat the SLA by more than 20 %");
        assertThat(settled.moved()).isTrue();
    }

    @Test
    void daysWithoutDataDecayTogetherBeforeTheNextDayWithData() {
        Reputation high = new Reputation(60, DAY, List.of());
        LocalDate later = DAY.plusDays(7);

        var settled = ReputationDays.settle(high, later,
                Map.of(later, new DailyOutcome(later, DailyOutcome.Reporting.UNKNOWN, false, 0, DailyOutcome.Evidence.PROBES)));

        assertThat(settled.applied()).extracting(Reputation.Change::reason)
                .containsExactly("no data for 6 day(s): decays toward 50", "probes below the availability target");
        assertThat(settled.after().score()).isCloseTo(60 - 2 - 2, within(1e-9));
    }

    @Test
    void nothingToSettleAtFiftyWithoutDataMovesNothing() {
        var settled = ReputationDays.settle(Reputation.fresh(DAY), DAY.plusDays(3), Map.of());

        assertThat(settled.moved()).isFalse();
        assertThat(settled.after().asOf()).isEqualTo(DAY.plusDays(3));
    }

    @Test
    void unknownReportingNeitherHelpsNorHurts() {
        Reputation after = Reputation.fresh(DAY).after(new DailyOutcome(DAY, DailyOutcome.Reporting.UNKNOWN, true, 0,
                DailyOutcome.Evidence.SLA_VERDICTS));

        assertThat(after.score()).isEqualTo(52);
        assertThat(after.history()).extracting(Reputation.Change::reason).containsExactly("SLA met");
    }
}
