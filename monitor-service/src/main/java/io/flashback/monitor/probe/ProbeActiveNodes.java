package io.flashback.monitor.probe;

import io.flashback.monitor.node.MonitoredNode;
import io.flashback.monitor.node.MonitoredNodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * One probe round from this worker's location: every active node's S3 endpoint gets one unsigned
 * request, at most {@code concurrency} at a time, each bounded by the timeout; every result is
 * recorded (stored, rolled up, published) on its own, so one failing node never holds up the others.
 */
public final class ProbeActiveNodes {

    private static final Logger log = LoggerFactory.getLogger(ProbeActiveNodes.class);

    /**
     * @param location    this worker's location, recorded with each result
     * @param timeout     one probe's limit, from connect to the last byte
     * @param concurrency probes in flight at once
     */
    public record Settings(String location, Duration timeout, int concurrency) {
    }

    private final MonitoredNodes nodes;
    private final EndpointProbe probe;
    private final ProbeResults results;
    private final ProbeMeters meters;
    private final Clock clock;
    private final Settings settings;

    public ProbeActiveNodes(MonitoredNodes nodes, EndpointProbe probe, ProbeResults results, ProbeMeters meters, Clock clock,
                            Settings settings) {
        this.nodes = nodes;
        this.probe = probe;
        this.results = results;
        this.meters = meters;
        this.clock = clock;
        this.settings = settings;
    }

    /** Probes every current target once; returns what was recorded. */
    public List<ProbeResult> probeAll() {
        long started = System.nanoTime();
        List<MonitoredNode> targets = nodes.probeTargets();
        List<ProbeResult> recorded = probe(targets);
        meters.roundFinished(targets, Duration.ofNanos(System.nanoTime() - started));
        return recorded;
    }

    /** Probes the given nodes once each, in parallel up to the concurrency limit; results in the order given. */
    public List<ProbeResult> probe(List<MonitoredNode> targets) {
        Semaphore permits = new Semaphore(settings.concurrency());
        List<Future<ProbeResult>> running = new ArrayList<>(targets.size());
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (MonitoredNode node : targets) {
                running.add(executor.submit(() -> {
                    permits.acquire();
                    try {
                        return probeOne(node);
                    } finally {
                        permits.release();
                    }
                }));
            }
        }
        List<ProbeResult> recorded = new ArrayList<>(targets.size());
        for (int i = 0; i < running.size(); i++) {
            try {
                recorded.add(running.get(i).get());
            } catch (ExecutionException e) {
                log.warn("probe of node {} was not recorded: {}", targets.get(i).nodeId(), e.getCause().toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return recorded;
    }

    private ProbeResult probeOne(MonitoredNode node) {
        Instant at = clock.instant();
        URI endpoint = node.s3Endpoint().orElseThrow(() -> new IllegalArgumentException("node " + node.nodeId() + " has no http(s) endpoint"));
        HttpObservation observation = probe.probe(endpoint, settings.timeout());
        S3Answer.Judgment judgment = S3Answer.judge(observation);
        ProbeResult result = new ProbeResult(UUID.randomUUID(), node.nodeId(), settings.location(), ProbeKind.ANONYMOUS, at, judgment.outcome(),
                observation instanceof HttpObservation.Answered answered ? answered.status() : 0, timeToFirstByte(observation),
                observation.elapsed(), Optional.empty(), Optional.empty(), judgment.detail());
        results.record(node, result);
        meters.recorded(node, result);
        return result;
    }

    private static Optional<Duration> timeToFirstByte(HttpObservation observation) {
        return switch (observation) {
            case HttpObservation.Answered answered -> Optional.of(answered.timeToFirstByte());
            case HttpObservation.TimedOut timedOut -> timedOut.timeToFirstByte();
            case HttpObservation.Unreachable unreachable -> Optional.empty();
        };
    }
}
