package io.flashback.infra.kafka;

import java.util.List;

/**
 * Who may do what on Kafka (ADR 0008): one SCRAM principal per service, named after it, that may
 * write only the topics it produces, read only the topics it consumes, and join only consumer
 * groups named after it ({@code <service>} or {@code <service>.<purpose>}). Consumers cannot see
 * which principal produced a record, so these write ACLs are what makes an event on
 * {@code flashback.orchestrator.v1} an event of the orchestrator.
 *
 * <p>The topic names repeat {@code io.flashback.events.Topics} (platform-events depends on nothing
 * of this module); {@code KafkaAccessMatchesTheTopics} in platform-events checks they agree.
 *
 * @param principal the SASL user name, also the prefix of the service's consumer groups
 * @param writes    topics only this principal may write (and create)
 * @param reads     topics this principal may read (and create, so start order does not matter)
 */
public record KafkaAccess(String principal, List<String> writes, List<String> reads) {

    /** The broker's own principal: inter-broker and controller traffic and the ACL bootstrap. */
    public static final String ADMIN = "admin";

    public static final List<KafkaAccess> SERVICES = List.of(
            new KafkaAccess("registry-service",
                    List.of("flashback.registry.v1"),
                    List.of("flashback.orchestrator.v1")),
            new KafkaAccess("marketplace-service",
                    List.of("flashback.marketplace.v1"),
                    List.of("flashback.registry.v1", "flashback.qos.v1", "flashback.probes.v1", "flashback.orchestrator.v1")),
            new KafkaAccess("orchestrator-service",
                    List.of("flashback.orchestrator.v1"),
                    List.of("flashback.registry.v1", "flashback.marketplace.v1", "flashback.sla.v1")),
            new KafkaAccess("monitor-service",
                    List.of("flashback.monitor.v1", "flashback.probes.v1", "flashback.qos.v1"),
                    List.of("flashback.registry.v1", "flashback.orchestrator.v1", "flashback.sla.v1")),
            // validators read each other's signatures (oracle) and metric replicas (metrics) from their own topics
            new KafkaAccess("oracle-service",
                    List.of("flashback.oracle.v1", "flashback.metrics.v1", "flashback.sla.v1"),
                    List.of("flashback.oracle.v1", "flashback.metrics.v1", "flashback.probes.v1", "flashback.registry.v1",
                            "flashback.orchestrator.v1")));

    public KafkaAccess {
        writes = List.copyOf(writes);
        reads = List.copyOf(reads);
    }

    /** The principals of every service. */
    public static List<String> principals() {
        return SERVICES.stream().map(KafkaAccess::principal).toList();
    }

    /** The access of {@code principal}; fails for a name that is not a service. */
    public static KafkaAccess of(String principal) {
        return SERVICES.stream().filter(access -> access.principal.equals(principal)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no Kafka principal " + principal + "; the services are " + principals()));
    }
}
