package io.flashback.monitor.reputation.internal;

import io.flashback.events.Topics;
import io.flashback.events.orchestrator.AgreementActivated;
import io.flashback.events.orchestrator.AgreementEnded;
import io.flashback.events.outbox.InboundEvents;
import io.flashback.monitor.metrics.PipelineLag;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.util.Locale;

/**
 * Which Data Unit and node each escrow agreement is on, from orchestrator-service: SLA verdicts name
 * only the escrow's agreement number, reputations are per Data Unit and provider. Each event applies once.
 */
@Component
class AgreementEventsListener {

    static final String CONSUMER = "monitor.agreements";

    private final InboundEvents inbound;
    private final JdbcTemplate jdbc;
    private final PipelineLag lag;

    AgreementEventsListener(InboundEvents inbound, JdbcTemplate jdbc, PipelineLag lag) {
        this.inbound = inbound;
        this.jdbc = jdbc;
        this.lag = lag;
    }

    @KafkaListener(id = CONSUMER, topics = Topics.ORCHESTRATOR, groupId = "monitor-service.agreements")
    @Transactional
    void on(String message) {
        inbound.firstDelivery(message, CONSUMER).ifPresent(event -> {
            switch (event) {
                case AgreementActivated activated -> jdbc.update("""
                                insert into monitored_agreement (agreement_id, escrow, escrow_agreement_id, data_unit_id, node_id, provider_id,
                                                                 availability_target_pct, state, updated_at)
                                values (?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?)
                                on conflict (agreement_id) do update set escrow = excluded.escrow, escrow_agreement_id = excluded.escrow_agreement_id,
                                  data_unit_id = excluded.data_unit_id, node_id = excluded.node_id, provider_id = excluded.provider_id,
                                  availability_target_pct = excluded.availability_target_pct, updated_at = excluded.updated_at""",
                        activated.agreementId(), activated.escrow().toLowerCase(Locale.ROOT), activated.escrowAgreementId(), activated.dataUnitId(),
                        activated.nodeId(), activated.providerId(), activated.availabilityTargetPct(), Timestamp.from(activated.occurredAt()));
                case AgreementEnded ended -> jdbc.update("update monitored_agreement set state = ?, updated_at = ? where agreement_id = ?",
                        ended.endState(), Timestamp.from(ended.occurredAt()), ended.agreementId());
                default -> {
                    // agreements that never reach the escrow are never judged
                }
            }
            lag.applied(PipelineLag.Stream.ORCHESTRATOR, event.occurredAt());
        });
    }
}
