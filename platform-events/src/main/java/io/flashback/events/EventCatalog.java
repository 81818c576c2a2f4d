package io.flashback.events;

import io.flashback.events.orchestrator.AgreementAccepted;
import io.flashback.events.orchestrator.AgreementActivated;
import io.flashback.events.orchestrator.AgreementEnded;
import io.flashback.events.orchestrator.AgreementFunded;
import io.flashback.events.orchestrator.AgreementFundsLow;
import io.flashback.events.orchestrator.AgreementRejected;
import io.flashback.events.orchestrator.AgreementRequested;
import io.flashback.events.marketplace.CapacityReleased;
import io.flashback.events.marketplace.CapacityReservationRefused;
import io.flashback.events.marketplace.CapacityReserved;
import io.flashback.events.monitor.AuditRecorded;
import io.flashback.events.monitor.PenaltyWarningRaised;
import io.flashback.events.monitor.ProbeRecorded;
import io.flashback.events.monitor.ReputationChanged;
import io.flashback.events.oracle.EpochRootSigned;
import io.flashback.events.oracle.MetricBatchAccepted;
import io.flashback.events.oracle.SlaVerdictReached;
import io.flashback.events.registry.AccountRegistered;
import io.flashback.events.registry.NodeActivated;
import io.flashback.events.registry.NodeAnnounced;
import io.flashback.events.registry.NodeCameOnline;
import io.flashback.events.registry.NodeCertificationFailed;
import io.flashback.events.registry.NodeCertified;
import io.flashback.events.registry.NodeClaimed;
import io.flashback.events.registry.NodeDeactivated;
import io.flashback.events.registry.NodeWentOffline;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every integration event the platform publishes: its CloudEvents {@code type} (a stable,
 * versioned name written here, never derived from the class name), its record and its topic.
 */
public final class EventCatalog {

    public record Entry(String type, Class<? extends IntegrationEvent> javaType, String topic) {
    }

    private static final List<Entry> ENTRIES = List.of(
            new Entry("io.flashback.marketplace.capacity-reserved.v1", CapacityReserved.class, Topics.MARKETPLACE),
            new Entry("io.flashback.marketplace.capacity-reservation-refused.v1", CapacityReservationRefused.class, Topics.MARKETPLACE),
            new Entry("io.flashback.marketplace.capacity-released.v1", CapacityReleased.class, Topics.MARKETPLACE),
            new Entry("io.flashback.registry.account-registered.v1", AccountRegistered.class, Topics.REGISTRY),
            new Entry("io.flashback.registry.node-announced.v1", NodeAnnounced.class, Topics.REGISTRY),
            new Entry("io.flashback.registry.node-claimed.v1", NodeClaimed.class, Topics.REGISTRY),
            new Entry("io.flashback.registry.node-went-offline.v1", NodeWentOffline.class, Topics.REGISTRY),
            new Entry("io.flashback.registry.node-came-online.v1", NodeCameOnline.class, Topics.REGISTRY),
            new Entry("io.flashback.registry.node-activated.v1", NodeActivated.class, Topics.REGISTRY),
            new Entry("io.flashback.registry.node-deactivated.v1", NodeDeactivated.class, Topics.REGISTRY),
            new Entry("io.flashback.registry.node-certified.v1", NodeCertified.class, Topics.REGISTRY),
            new Entry("io.flashback.registry.node-certification-failed.v1", NodeCertificationFailed.class, Topics.REGISTRY),
            new Entry("io.flashback.orchestrator.agreement-requested.v1", AgreementRequested.class, Topics.ORCHESTRATOR),
            new Entry("io.flashback.orchestrator.agreement-accepted.v1", AgreementAccepted.class, Topics.ORCHESTRATOR),
            new Entry("io.flashback.orchestrator.agreement-rejected.v1", AgreementRejected.class, Topics.ORCHESTRATOR),
            new Entry("io.flashback.orchestrator.agreement-funded.v1", AgreementFunded.class, Topics.ORCHESTRATOR),
            new Entry("io.flashback.orchestrator.agreement-activated.v1", AgreementActivated.class, Topics.ORCHESTRATOR),
            new Entry("io.flashback.orchestrator.agreement-ended.v1", AgreementEnded.class, Topics.ORCHESTRATOR),
            new Entry("io.flashback.orchestrator.agreement-funds-low.v1", AgreementFundsLow.class, Topics.ORCHESTRATOR),
            new Entry("io.flashback.monitor.probe-recorded.v1", ProbeRecorded.class, Topics.PROBES),
            new Entry("io.flashback.monitor.audit-recorded.v1", AuditRecorded.class, Topics.PROBES),
            new Entry("io.flashback.monitor.reputation-changed.v1", ReputationChanged.class, Topics.QOS),
            new Entry("io.flashback.monitor.penalty-warning-raised.v1", PenaltyWarningRaised.class, Topics.QOS),
            new Entry("io.flashback.oracle.sla-verdict-reached.v1", SlaVerdictReached.class, Topics.SLA),
            new Entry("io.flashback.oracle.epoch-root-signed.v1", EpochRootSigned.class, Topics.ORACLE),
            new Entry("io.flashback.oracle.metric-batch-accepted.v1", MetricBatchAccepted.class, Topics.METRICS));

    private static final Map<String, Entry> BY_TYPE = ENTRIES.stream().collect(Collectors.toUnmodifiableMap(Entry::type, Function.identity()));
    private static final Map<Class<?>, Entry> BY_CLASS = ENTRIES.stream().collect(Collectors.toUnmodifiableMap(Entry::javaType, Function.identity()));

    private EventCatalog() {
    }

    public static Entry of(IntegrationEvent event) {
        Entry entry = BY_CLASS.get(event.getClass());
        if (entry == null) {
            throw new IllegalArgumentException(event.getClass().getName() + " is not in the event catalog");
        }
        return entry;
    }

    public static Optional<Entry> byType(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    public static List<Entry> entries() {
        return ENTRIES;
    }
}
