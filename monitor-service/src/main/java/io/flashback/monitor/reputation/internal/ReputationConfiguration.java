package io.flashback.monitor.reputation.internal;

import io.flashback.events.outbox.Outbox;
import io.flashback.monitor.MonitorProperties;
import io.flashback.monitor.PeriodicTask;
import io.flashback.monitor.metrics.ReputationGauges;
import io.flashback.monitor.reputation.DailyEvidence;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;

/** Reputations in PostgreSQL, settled and checked for warnings every {@code reputation.interval}. */
@Configuration(proxyBeanMethods = false)
class ReputationConfiguration {

    @Bean
    JdbcReputations jdbcReputations(JdbcTemplate jdbc) {
        return new JdbcReputations(jdbc);
    }

    @Bean
    SettleReputations settleReputations(JdbcReputations reputations, PlatformTransactionManager transactions, Outbox outbox,
                                        ReputationGauges gauges, Clock clock, MonitorProperties properties) {
        MonitorProperties.Reputation settings = properties.reputation();
        return new SettleReputations(reputations, new TransactionTemplate(transactions), outbox, gauges, clock,
                new SettleReputations.Settings(settings.settleDelay(), settings.warningThreshold(),
                        new DailyEvidence.Rules(settings.probeAvailabilityTargetPct(), settings.minimumDailyProbes())));
    }

    @Bean
    PeriodicTask reputationSchedule(SettleReputations settle, MonitorProperties properties) {
        return new PeriodicTask("reputation-settlement", properties.reputation().interval(), settle::run);
    }
}
