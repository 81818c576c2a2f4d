package io.flashback.monitor.probe;

import io.flashback.monitor.node.MonitoredNode;
import io.flashback.monitor.node.MonitoredNodes;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The probe round's own rules, with in-memory stand-ins for its ports. */
class ProbingInBoundedParallelTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);

    private final List<ProbeResult> recorded = new CopyOnWriteArrayList<>();
    private final ProbeResults results = (node, result) -> recorded.add(result);
    private final ProbeMeters meters = new ProbeMeters() {
        @Override
        public void recorded(MonitoredNode node, ProbeResult result) {
        }

        @Override
        public void roundFinished(Collection<MonitoredNode> targets, Duration took) {
        }
    };

    @Test
    void noMoreProbesAreInFlightThanTheConcurrencyAllows() {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        // two probes must meet here to go on: with room for two they always do, a third in flight would show in `most`
        CyclicBarrier pairs = new CyclicBarrier(2);
        EndpointProbe probe = (endpoint, timeout) -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                pairs.await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("probes did not run two at a time", e);
            } finally {
                inFlight.decrementAndGet();
            }
            return new HttpObservation.Answered(403, "application/xml", "<Error><Code>AccessDenied</Code></Error>", Duration.ZERO, Duration.ZERO);
        };
        List<MonitoredNode> targets = IntStream.range(0, 8).mapToObj(i -> node()).toList();

        List<ProbeResult> round = new ProbeActiveNodes(nodes(targets), probe, results, meters, CLOCK,
                new ProbeActiveNodes.Settings("eu-west", Duration.ofSeconds(1), 2)).probeAll();

        assertThat(most.get()).isEqualTo(2);
        assertThat(round).extracting(ProbeResult::nodeId).containsExactlyElementsOf(targets.stream().map(MonitoredNode::nodeId).toList());
        assertThat(recorded).hasSize(8).allMatch(result -> result.available() && result.location().equals("eu-west")
                && result.at().equals(CLOCK.instant()));
    }

    @Test
    void aNodeWhoseResultCannotBeRecordedDoesNotStopTheRound() {
        MonitoredNode broken = node();
        MonitoredNode fine = node();
        ProbeResults failingForOne = (node, result) -> {
            if (node.equals(broken)) {
                throw new IllegalStateException("database gone");
            }
            recorded.add(result);
        };
        EndpointProbe probe = (endpoint, timeout) -> new HttpObservation.Unreachable("connection refused", Duration.ofMillis(1));

        List<ProbeResult> round = new ProbeActiveNodes(nodes(List.of(broken, fine)), probe, failingForOne, meters, CLOCK,
                new ProbeActiveNodes.Settings("eu-west", Duration.ofSeconds(1), 4)).probeAll();

        assertThat(round).extracting(ProbeResult::nodeId).containsExactly(fine.nodeId());
        assertThat(round.getFirst().outcome()).isEqualTo(ProbeOutcome.CONNECTION_FAILED);
    }

    private static MonitoredNode node() {
        return new MonitoredNode(UUID.randomUUID(), "http://127.0.0.1:9000", "s3", "eu-west", "0xabc", true, true, true);
    }

    private static MonitoredNodes nodes(List<MonitoredNode> targets) {
        return new MonitoredNodes() {
            @Override
            public Optional<MonitoredNode> find(UUID nodeId) {
                return targets.stream().filter(node -> node.nodeId().equals(nodeId)).findFirst();
            }

            @Override
            public List<MonitoredNode> probeTargets() {
                return targets;
            }

            @Override
            public boolean knowsProvider(String wallet) {
                return true;
            }
        };
    }
}
