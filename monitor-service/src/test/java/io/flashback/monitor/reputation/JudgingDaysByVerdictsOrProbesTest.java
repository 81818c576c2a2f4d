package io.flashback.monitor.reputation;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class JudgingDaysByVerdictsOrProbesTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 23);
    private static final DailyEvidence.Rules RULES = new DailyEvidence.Rules(99.0, 10);

    @Test
    void marginIsMeasuredAgainstTheErrorBudget() {
        assertThat(ErrorBudget.margin(99.9, 99.95)).isCloseTo(0.5, within(1e-9));
        assertThat(ErrorBudget.margin(99.9, 99.8)).isCloseTo(-1, within(1e-9));
        assertThat(ErrorBudget.margin(99.0, 100)).isEqualTo(1);
        assertThat(ErrorBudget.margin(100, 100)).isZero();
        assertThat(ErrorBudget.margin(100, 99.99)).isEqualTo(-1);
    }

    @Test
    void dayIsMetWhenEveryAgreementEpochOnItWasWithTheWorstMargin() {
        var outcomes = DailyEvidence.outcomes(List.of(
                verdict("e:1", 1, true, 99.99), verdict("e:1", 2, true, 99.95), verdict("e:2", 1, true, 100)), List.of(), RULES);

        assertThat(outcomes.get(DAY)).satisfies(outcome -> {
            assertThat(outcome.slaMet()).isTrue();
            assertThat(outcome.margin()).isCloseTo(0.5, within(1e-9));
            assertThat(outcome.evidence()).isEqualTo(DailyOutcome.Evidence.SLA_VERDICTS);
            assertThat(outcome.reporting()).isEqualTo(DailyOutcome.Reporting.UNKNOWN);
        });
    }

    @Test
    void oneLateReportedEpochMakesTheDayLateAndOnlyReportedEpochsMakeItOnTime() {
        VerdictRecord onTime = new VerdictRecord(DAY, "e:1", 1, true, 100, 99.9, VerdictRecord.reportingOf("REPORTS_ON_TIME"));
        VerdictRecord late = new VerdictRecord(DAY, "e:2", 1, true, 100, 99.9,
                VerdictRecord.reportingOf("NODE_REPORTS_CONTRADICTED_BY_PROBES:1_INTERVALS,REPORTS_LATE:2_OF_60_MINUTES"));
        VerdictRecord idle = new VerdictRecord(DAY, "e:3", 1, true, 100, 99.9, VerdictRecord.reportingOf("NO_AUDITS"));

        assertThat(DailyEvidence.outcomes(List.of(onTime, late, idle), List.of(), RULES).get(DAY).reporting()).isEqualTo(DailyOutcome.Reporting.LATE);
        assertThat(DailyEvidence.outcomes(List.of(onTime, idle), List.of(), RULES).get(DAY).reporting()).isEqualTo(DailyOutcome.Reporting.ON_TIME);
        assertThat(DailyEvidence.outcomes(List.of(idle), List.of(), RULES).get(DAY).reporting()).isEqualTo(DailyOutcome.Reporting.UNKNOWN);
        assertThat(VerdictRecord.reportingOf("")).isEqualTo(DailyOutcome.Reporting.UNKNOWN);
    }

    @Test
    void theMajorityOfValidatorsDecidesAnEpochAndATieCountsAsBreached() {
        var majority = DailyEvidence.outcomes(List.of(
                verdict("e:1", 1, true, 99.95), verdict("e:1", 1, true, 99.95), verdict("e:1", 1, false, 99.95)), List.of(), RULES);
        var tie = DailyEvidence.outcomes(List.of(verdict("e:1", 1, true, 99.95), verdict("e:1", 1, false, 99.95)), List.of(), RULES);

        assertThat(majority.get(DAY).slaMet()).isTrue();
        assertThat(tie.get(DAY).slaMet()).isFalse();
    }

    @Test
    void probesJudgeOnlyDaysWithoutVerdictsAndOnlyWithEnoughProbes() {
        var outcomes = DailyEvidence.outcomes(List.of(verdict("e:1", 1, false, 98)),
                List.of(new ProbeDay(DAY, 100, 100), new ProbeDay(DAY.plusDays(1), 100, 97), new ProbeDay(DAY.plusDays(2), 9, 9)), RULES);

        assertThat(outcomes.get(DAY).evidence()).isEqualTo(DailyOutcome.Evidence.SLA_VERDICTS);
        assertThat(outcomes.get(DAY).slaMet()).isFalse();
        assertThat(outcomes.get(DAY.plusDays(1))).satisfies(outcome -> {
            assertThat(outcome.evidence()).isEqualTo(DailyOutcome.Evidence.PROBES);
            assertThat(outcome.slaMet()).isFalse();
            assertThat(outcome.margin()).isCloseTo(-2, within(1e-9));
        });
        assertThat(outcomes).doesNotContainKey(DAY.plusDays(2));
    }

    private static VerdictRecord verdict(String agreement, long epoch, boolean met, double measuredPct) {
        return new VerdictRecord(DAY, agreement, epoch, met, measuredPct, 99.9);
    }
}
