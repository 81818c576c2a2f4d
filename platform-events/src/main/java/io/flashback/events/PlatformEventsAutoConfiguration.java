package io.flashback.events;

import io.flashback.events.metrics.StateCounts;
import io.flashback.events.metrics.StateCountsRefresher;
import io.flashback.events.outbox.InboundEvents;
import io.flashback.events.outbox.KafkaHealthIndicator;
import io.flashback.events.outbox.KafkaSasl;
import io.flashback.events.outbox.Outbox;
import io.flashback.events.outbox.OutboxRelay;
import io.flashback.events.outbox.OutboxSettings;
import io.flashback.events.outbox.ProcessedEvents;
import io.flashback.events.web.RequestIdFilter;
import io.flashback.events.web.ValidationProblems;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;

/**
 * Wires the event plumbing into every service: the outbox and its relay, idempotent
 * consumption, the declared topics, Kafka health and request ids.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
        "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
        "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration",
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"})
@EnableConfigurationProperties(OutboxSettings.class)
public class PlatformEventsAutoConfiguration {

    /** Keeps the service's {@code StateCounts} gauges current. */
    @Bean
    @ConditionalOnMissingBean
    StateCountsRefresher stateCountsRefresher(ObjectProvider<StateCounts> counts, Environment environment) {
        return new StateCountsRefresher(counts, environment.getProperty("flashback.metrics.state-counts-interval", Duration.class,
                Duration.ofSeconds(15)));
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean
    EventCodec eventCodec() {
        return new EventCodec();
    }

    /** Every Kafka client of the service authenticates as its own principal (ADR 0008). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.kafka.autoconfigure.KafkaProperties")
    static class KafkaSaslConfiguration {

        @Bean
        static KafkaSasl kafkaSasl(Environment environment) {
            return new KafkaSasl(environment);
        }
    }

    @Bean
    KafkaAdmin.NewTopics declaredTopics(OutboxSettings settings) {
        return new KafkaAdmin.NewTopics(settings.topics().stream()
                .map(topic -> TopicBuilder.name(topic).partitions(settings.partitions()).replicas(settings.replicationFactor()).build())
                .toArray(NewTopic[]::new));
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean({JdbcTemplate.class, PlatformTransactionManager.class, KafkaTemplate.class})
    static class OutboxConfiguration {

        @Bean
        OutboxRelay outboxRelay(JdbcTemplate jdbc, PlatformTransactionManager transactions, KafkaTemplate<String, String> kafka,
                                OutboxSettings settings, Clock clock, ObjectProvider<MeterRegistry> meters) {
            return new OutboxRelay(jdbc, new TransactionTemplate(transactions), kafka, settings, clock,
                    meters.getIfAvailable(SimpleMeterRegistry::new));
        }

        @Bean
        Outbox outbox(JdbcTemplate jdbc, EventCodec codec, OutboxSettings settings, OutboxRelay relay) {
            if (settings.source() == null || settings.source().isBlank()) {
                throw new IllegalStateException("flashback.events.source must name this service (the CloudEvents source)");
            }
            return new Outbox(jdbc, codec, settings.source(), relay);
        }

        @Bean
        ProcessedEvents processedEvents(JdbcTemplate jdbc, Clock clock) {
            return new ProcessedEvents(jdbc, clock);
        }

        @Bean
        InboundEvents inboundEvents(EventCodec codec, ProcessedEvents processed) {
            return new InboundEvents(codec, processed);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    @ConditionalOnBean(KafkaAdmin.class)
    static class KafkaHealthConfiguration {

        @Bean(name = "kafkaHealthIndicator")
        KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
            return new KafkaHealthIndicator(kafkaAdmin);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = "jakarta.servlet.Filter")
    static class RequestIdConfiguration {

        @Bean
        FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
            FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }

        @Bean
        @ConditionalOnClass(name = "org.springframework.web.servlet.DispatcherServlet")
        ValidationProblems validationProblems() {
            return new ValidationProblems();
        }
    }
}
