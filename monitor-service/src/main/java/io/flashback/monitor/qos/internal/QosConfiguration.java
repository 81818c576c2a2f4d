package io.flashback.monitor.qos.internal;

import io.flashback.monitor.MonitorProperties;
import io.flashback.monitor.PeriodicTask;
import io.flashback.monitor.qos.ApplyRetention;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;

/** Roll-ups and series in PostgreSQL; retention applied every {@code retention.interval}. */
@Configuration(proxyBeanMethods = false)
class QosConfiguration {

    @Bean
    JdbcQos jdbcQos(JdbcTemplate jdbc) {
        return new JdbcQos(jdbc);
    }

    @Bean
    ApplyRetention applyRetention(JdbcQos qos, Clock clock, MonitorProperties properties) {
        MonitorProperties.Retention retention = properties.retention();
        return new ApplyRetention(qos, clock, new ApplyRetention.Settings(retention.raw(), retention.minute(), retention.hour()));
    }

    @Bean
    PeriodicTask retentionSchedule(ApplyRetention retention, MonitorProperties properties) {
        return new PeriodicTask("qos-retention", properties.retention().interval(), retention::run);
    }
}
