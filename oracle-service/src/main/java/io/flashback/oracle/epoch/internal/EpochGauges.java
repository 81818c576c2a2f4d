package io.flashback.oracle.epoch.internal;

import io.flashback.events.metrics.StateCounts;
import io.flashback.oracle.epoch.EpochState;
import io.flashback.oracle.evaluation.Verdict;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What this validator's epoch ledger holds, for the SLA dashboard: epochs by state, verdicts by outcome,
 * results by settlement state, and the gas of the latest epoch report and of its settlement per agreement.
 */
@Component
class EpochGauges {

    private final JdbcTemplate jdbc;
    private final List<StateCounts> counts;
    private final AtomicLong lastReportGas = new AtomicLong();
    private final AtomicLong lastSettlementGasPerAgreement = new AtomicLong();
    private final AtomicLong lastJudgedEpoch = new AtomicLong(-1);

    EpochGauges(MeterRegistry meters, JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.counts = List.of(
                new StateCounts(meters, jdbc, "flashback.oracle.epochs", "Epochs this validator judged, by state", "epoch", "state",
                        EpochState.values()),
                new StateCounts(meters, jdbc, "flashback.oracle.verdicts", "Per-agreement epoch verdicts, by outcome", "epoch_result", "outcome",
                        Verdict.Outcome.values()),
                new StateCounts(meters, jdbc, "flashback.oracle.settlements", "Per-agreement epoch results, by settlement state", "epoch_result",
                        "settlement", List.of("PENDING", "SETTLED", "NOT_SETTLEABLE")));
        Gauge.builder("flashback.oracle.report.gas", lastReportGas, AtomicLong::get)
                .description("Gas used by the latest epoch report this validator knows of").register(meters);
        Gauge.builder("flashback.oracle.settlement.gas.per.agreement", lastSettlementGasPerAgreement, AtomicLong::get)
                .description("Settlement gas per agreement of the latest settled epoch").register(meters);
        Gauge.builder("flashback.oracle.last.judged.epoch", lastJudgedEpoch, AtomicLong::get)
                .description("The latest epoch this validator judged (-1 before the first)").register(meters);
    }

    @Scheduled(fixedDelayString = "${flashback.oracle.gauge-interval:15s}", initialDelayString = "1s")
    void refresh() {
        counts.forEach(StateCounts::refresh);
        try {
            jdbc.query("select report_gas from epoch where report_gas is not null order by epoch desc limit 1",
                    row -> { lastReportGas.set(row.getLong(1)); });
            jdbc.query("select settlement_gas / agreements from epoch where state = 'SETTLED' and agreements > 0 and settlement_gas > 0 "
                    + "order by epoch desc limit 1", row -> { lastSettlementGasPerAgreement.set(row.getLong(1)); });
            jdbc.query("select max(epoch) from epoch having max(epoch) is not null", row -> { lastJudgedEpoch.set(row.getLong(1)); });
        } catch (DataAccessException e) {
            // the database is briefly unreachable: keep the last values, try again next time
        }
    }
}
