package io.flashback.orchestrator.agreement.internal;

import io.flashback.events.metrics.StateCounts;
import io.flashback.orchestrator.agreement.AgreementState;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.Arrays;

/** {@code flashback_agreements{state}}: how many agreements are in each state, for the SLA dashboard. */
@Component
class AgreementStateGauges {

    private final StateCounts counts;

    AgreementStateGauges(MeterRegistry meters, JdbcTemplate jdbc) {
        this.counts = new StateCounts(meters, jdbc, "flashback.agreements", "Agreements by state", "agreement", "state",
                Arrays.stream(AgreementState.values()).map(Enum::name).toList());
    }

    @Scheduled(fixedDelayString = "${flashback.orchestrator.gauge-interval:15s}", initialDelayString = "1s")
    void refresh() {
        counts.refresh();
    }
}
