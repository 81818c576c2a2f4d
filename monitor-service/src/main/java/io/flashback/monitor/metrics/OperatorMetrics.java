package io.flashback.monitor.metrics;

import io.flashback.monitor.MonitorProperties;
import io.flashback.monitor.audit.AuditMeters;
import io.flashback.monitor.audit.AuditResult;
import io.flashback.monitor.node.MonitoredNode;
import io.flashback.monitor.probe.ProbeKind;
import io.flashback.monitor.probe.ProbeMeters;
import io.flashback.monitor.probe.ProbeResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Probes and audits as Prometheus series for operators. Totals are tagged by location and outcome
 * only; per-node series carry exactly {@code node}, {@code provider} and {@code location}, exist only
 * for nodes being probed (removed when a node stops being a target or changes provider) and for at most
 * {@code flashback.monitor.max-tagged-nodes} nodes, so the number of series stays bounded.
 */
@Component
public class OperatorMetrics implements ProbeMeters, AuditMeters {

    private static final Logger log = LoggerFactory.getLogger(OperatorMetrics.class);
    private static final String UNCLAIMED = "unclaimed";

    private record Key(UUID node, String location) {
    }

    /** One node's series as seen from one location. */
    private final class NodeSeries {

        final String provider;
        final AtomicInteger up = new AtomicInteger();
        final AtomicReference<Double> uploadMbps = new AtomicReference<>(Double.NaN);
        final AtomicReference<Double> downloadMbps = new AtomicReference<>(Double.NaN);
        final List<Meter> meters;
        final Counter available;
        final Counter unavailable;
        final Timer ttfb;
        final Counter auditFailures;

        NodeSeries(UUID node, String provider, String location) {
            this.provider = provider;
            Tags tags = Tags.of("node", node.toString(), "provider", provider, "location", location);
            Gauge upGauge = Gauge.builder("flashback.monitor.node.up", up, AtomicInteger::get)
                    .description("1 when the node's last anonymous probe found its S3 endpoint up, else 0").tags(tags).register(registry);
            available = Counter.builder("flashback.monitor.node.probes").description("anonymous probes of the node")
                    .tags(tags).tag("available", "true").register(registry);
            unavailable = Counter.builder("flashback.monitor.node.probes").description("anonymous probes of the node")
                    .tags(tags).tag("available", "false").register(registry);
            ttfb = Timer.builder("flashback.monitor.node.ttfb").description("time to first byte of the node's answered anonymous probes")
                    .tags(tags).register(registry);
            Gauge upload = Gauge.builder("flashback.monitor.node.upload.mbps", uploadMbps, AtomicReference::get)
                    .description("upload throughput of the last canary probe (Mbit/s)").tags(tags).register(registry);
            Gauge download = Gauge.builder("flashback.monitor.node.download.mbps", downloadMbps, AtomicReference::get)
                    .description("download throughput of the last canary probe (Mbit/s)").tags(tags).register(registry);
            auditFailures = Counter.builder("flashback.monitor.node.audit.failures").description("possession audits the node failed")
                    .tags(tags).register(registry);
            meters = List.of(upGauge, available, unavailable, ttfb, upload, download, auditFailures);
        }

        void remove() {
            meters.forEach(registry::remove);
        }
    }

    private final MeterRegistry registry;
    private final int maxTaggedNodes;
    private final Timer rounds;
    private final String location;
    private final ConcurrentMap<Key, NodeSeries> series = new ConcurrentHashMap<>();
    private final AtomicInteger targets = new AtomicInteger();
    private final AtomicBoolean warnedAboutLimit = new AtomicBoolean();

    public OperatorMetrics(MeterRegistry registry, MonitorProperties properties) {
        this.registry = registry;
        this.maxTaggedNodes = properties.maxTaggedNodes();
        this.location = properties.probeLocation();
        Gauge.builder("flashback.monitor.probe.targets", targets, AtomicInteger::get).tag("location", properties.probeLocation())
                .description("nodes the last probe round covered").register(registry);
        this.rounds = Timer.builder("flashback.monitor.probe.rounds").tag("location", properties.probeLocation())
                .description("duration of probe rounds").register(registry);
    }

    @Override
    public void recorded(MonitoredNode node, ProbeResult result) {
        Counter.builder("flashback.monitor.probes").description("probes run, by outcome (failed: outcome other than AVAILABLE)")
                .tags("location", result.location(), "kind", result.kind().name(), "outcome", result.outcome().name())
                .register(registry).increment();
        NodeSeries of = seriesOf(node, result.location());
        if (of == null) {
            return;
        }
        if (result.kind() == ProbeKind.ANONYMOUS) {
            of.up.set(result.available() ? 1 : 0);
            (result.available() ? of.available : of.unavailable).increment();
            if (result.available()) {
                result.timeToFirstByte().ifPresent(of.ttfb::record);
            }
        } else {
            of.uploadMbps.set(result.uploadMbps().orElse(Double.NaN));
            of.downloadMbps.set(result.downloadMbps().orElse(Double.NaN));
        }
    }

    @Override
    public void audited(MonitoredNode node, AuditResult result) {
        Counter.builder("flashback.monitor.audits").description("possession audits, by outcome (failed: outcome other than PASSED)")
                .tags("location", result.location(), "outcome", result.outcome().name()).register(registry).increment();
        NodeSeries of = seriesOf(node, result.location());
        if (of != null && !result.passed()) {
            of.auditFailures.increment();
        }
    }

    @Override
    public void notPlaced(MonitoredNode node) {
        Counter.builder("flashback.monitor.canary.placement.failures").description("rounds a node could not be audited: its canary could not be placed")
                .tag("location", location).register(registry).increment();
    }

    @Override
    public void roundFinished(Collection<MonitoredNode> probed, Duration took) {
        targets.set(probed.size());
        rounds.record(took);
        Set<UUID> current = probed.stream().map(MonitoredNode::nodeId).collect(Collectors.toSet());
        series.entrySet().removeIf(entry -> {
            if (current.contains(entry.getKey().node())) {
                return false;
            }
            entry.getValue().remove();
            return true;
        });
    }

    private NodeSeries seriesOf(MonitoredNode node, String location) {
        String provider = node.providerWallet() == null ? UNCLAIMED : node.providerWallet();
        Key key = new Key(node.nodeId(), location);
        NodeSeries existing = series.get(key);
        if (existing != null && !existing.provider.equals(provider)) {
            series.remove(key, existing);
            existing.remove();
            existing = null;
        }
        if (existing != null) {
            return existing;
        }
        if (series.size() >= maxTaggedNodes) {
            if (warnedAboutLimit.compareAndSet(false, true)) {
                log.warn("more than {} nodes are probed: further nodes get no per-node series (flashback.monitor.max-tagged-nodes)", maxTaggedNodes);
            }
            return null;
        }
        return series.computeIfAbsent(key, ignored -> new NodeSeries(node.nodeId(), provider, location));
    }
}
