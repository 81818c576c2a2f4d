package io.flashback.orchestrator.agreement.internal;

import io.flashback.events.metrics.StateCounts;
import io.flashback.orchestrator.agreement.AgreementState;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
class AgreementMetrics {

    /** {@code flashback_agreements{state}}: how many agreements are in each state, for the SLA dashboard. */
    @Bean
    StateCounts agreementStateCounts(MeterRegistry meters, JdbcTemplate jdbc) {
        return new StateCounts(meters, jdbc, "flashback.agreements", "Agreements by state", "agreement", "state", AgreementState.values());
    }
}
