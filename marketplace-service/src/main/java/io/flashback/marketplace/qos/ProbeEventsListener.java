package io.flashback.marketplace.qos;

import io.flashback.events.Topics;
import io.flashback.events.monitor.ProbeRecorded;
import io.flashback.events.outbox.InboundEvents;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Feeds the monitor's answered probes ({@code flashback.probes.v1}) into {@link MeasuredLatency}, each event once. */
@Component
class ProbeEventsListener {

    static final String CONSUMER = "marketplace.measured-latency";

    private final InboundEvents inbound;
    private final MeasuredLatency latency;

    ProbeEventsListener(InboundEvents inbound, MeasuredLatency latency) {
        this.inbound = inbound;
        this.latency = latency;
    }

    @KafkaListener(id = CONSUMER, topics = Topics.PROBES, groupId = "marketplace-service.measured-latency")
    @Transactional
    void on(String message) {
        inbound.firstDelivery(message, CONSUMER)
                .filter(ProbeRecorded.class::isInstance).map(ProbeRecorded.class::cast)
                .filter(probe -> probe.available() && probe.ttfbMs() != null)
                .ifPresent(probe -> latency.probed(probe.nodeId().toString(), probe.ttfbMs(), probe.occurredAt()));
    }
}
