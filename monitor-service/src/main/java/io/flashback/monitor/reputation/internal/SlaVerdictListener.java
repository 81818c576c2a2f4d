package io.flashback.monitor.reputation.internal;

import io.flashback.events.Topics;
import io.flashback.events.oracle.SlaVerdictReached;
import io.flashback.events.outbox.InboundEvents;
import io.flashback.monitor.metrics.PipelineLag;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Keeps every validator's verdict on every agreement's epoch; the day it counts for is the UTC day
 * the epoch started. Each event applies once; the same validator judging the same epoch again is kept
 * once too.
 */
@Component
class SlaVerdictListener {

    static final String CONSUMER = "monitor.sla-verdicts";

    private final InboundEvents inbound;
    private final JdbcTemplate jdbc;
    private final PipelineLag lag;

    SlaVerdictListener(InboundEvents inbound, JdbcTemplate jdbc, PipelineLag lag) {
        this.inbound = inbound;
        this.jdbc = jdbc;
        this.lag = lag;
    }

    @KafkaListener(id = CONSUMER, topics = Topics.SLA, groupId = "monitor-service.sla-verdicts")
    @Transactional
    void on(String message) {
        inbound.firstDelivery(message, CONSUMER).ifPresent(event -> {
            if (event instanceof SlaVerdictReached verdict) {
                jdbc.update("""
                                insert into sla_verdict (escrow, agreement_id, epoch, validator, day, epoch_start, epoch_end, outcome,
                                                         measured_availability_ppm, breaches, flags, received_at)
                                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""",
                        verdict.escrow().toLowerCase(Locale.ROOT), verdict.agreementId(), verdict.epoch(), verdict.validator().toLowerCase(Locale.ROOT),
                        Date.valueOf(LocalDate.ofInstant(verdict.epochStart(), ZoneOffset.UTC)), Timestamp.from(verdict.epochStart()),
                        Timestamp.from(verdict.epochEnd()), verdict.outcome(), verdict.measuredAvailabilityPpm(), verdict.breaches(), verdict.flags(),
                        Timestamp.from(verdict.occurredAt()));
            }
            lag.applied(PipelineLag.Stream.SLA, event.occurredAt());
        });
    }
}
