package io.flashback.oracle.ingest.internal;

import io.flashback.events.Topics;
import io.flashback.events.outbox.InboundEvents;
import io.flashback.events.outbox.ListenerContainers;
import io.flashback.events.outbox.Outbox;
import io.flashback.oracle.OracleProperties;
import io.flashback.oracle.epoch.OracleAgreements;
import io.flashback.oracle.epoch.internal.EpochPipeline;
import io.flashback.oracle.ingest.BoundNodes;
import io.flashback.oracle.ingest.FollowPlatformEvents;
import io.flashback.oracle.ingest.IngestLimits;
import io.flashback.oracle.ingest.IngestMetricBatch;
import io.flashback.oracle.ingest.MetricBatches;
import io.flashback.oracle.ingest.ReplicateAcceptedBatch;
import io.flashback.oracle.ingest.ServedAgreements;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;

/** The metric ingest and the read models it checks batches against. */
@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

    @Bean
    BoundNodes boundNodes(JdbcTemplate jdbc) {
        return new JdbcBoundNodes(jdbc);
    }

    @Bean
    ServedAgreements servedAgreements(JdbcTemplate jdbc) {
        return new JdbcServedAgreements(jdbc);
    }

    @Bean
    MetricBatches metricBatches(JdbcTemplate jdbc) {
        return new JdbcMetricBatches(jdbc);
    }

    @Bean
    IngestMetricBatch ingestMetricBatch(OracleProperties properties, BoundNodes nodes, ServedAgreements agreements, MetricBatches batches,
                                        Outbox outbox, PlatformTransactionManager transactionManager, Clock clock) {
        OracleProperties.Ingest ingest = properties.ingest();
        return new IngestMetricBatch(new IngestLimits(ingest.maxSamples(), ingest.maxSampleAge(), ingest.maxClockSkew()), nodes, agreements,
                batches, new OutboxAcceptedBatches(outbox), new SpringTransactions(new TransactionTemplate(transactionManager)), clock);
    }

    @Bean
    IngestController ingestController(IngestMetricBatch ingest, MeterRegistry registry, OracleProperties properties, Clock clock) {
        return new IngestController(ingest, new IngestMetrics(registry), properties.ingest().maxBodySize().toBytes(), clock);
    }

    /**
     * Every oracle database needs every registry, orchestrator and probe event, so the consumer group is per validator
     * (instances of one validator share its database and its group), like the signature listener's.
     */
    @Bean
    KafkaMessageListenerContainer<String, String> platformEventsListenerContainer(ConsumerFactory<?, ?> consumers, InboundEvents inbound,
                                                                                  BoundNodes nodes, ServedAgreements served,
                                                                                  OracleAgreements judged, JdbcTemplate jdbc,
                                                                                  PlatformTransactionManager transactionManager,
                                                                                  ObjectProvider<EpochPipeline> pipeline) {
        return ListenerContainers.retryingForever(consumers, validatorsGroup("oracle-service.platform-events", pipeline),
                new PlatformEventsListener(inbound, new FollowPlatformEvents(nodes, served, judged, new JdbcObservations(jdbc)),
                        new TransactionTemplate(transactionManager)), Topics.REGISTRY, Topics.ORCHESTRATOR, Topics.PROBES);
    }

    /** Every validator stores every accepted metric batch, whichever oracle accepted it: its own consumer group. */
    @Bean
    KafkaMessageListenerContainer<String, String> acceptedBatchesListenerContainer(ConsumerFactory<?, ?> consumers, InboundEvents inbound,
                                                                                   BoundNodes nodes, ServedAgreements served,
                                                                                   MetricBatches batches,
                                                                                   PlatformTransactionManager transactionManager,
                                                                                   ObjectProvider<EpochPipeline> pipeline) {
        return ListenerContainers.retryingForever(consumers, validatorsGroup("oracle-service.metric-replicas", pipeline),
                new AcceptedBatchesListener(inbound, new ReplicateAcceptedBatch(nodes, served, batches), new TransactionTemplate(transactionManager)),
                Topics.METRICS);
    }

    private static String validatorsGroup(String base, ObjectProvider<EpochPipeline> pipeline) {
        EpochPipeline validator = pipeline.getIfAvailable();
        return validator == null ? base : base + "." + validator.validator().value();
    }
}
