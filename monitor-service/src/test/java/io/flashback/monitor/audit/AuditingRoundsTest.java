package io.flashback.monitor.audit;

import io.flashback.monitor.node.MonitoredNode;
import io.flashback.monitor.node.MonitoredNodes;
import io.flashback.monitor.probe.ProbeKind;
import io.flashback.monitor.probe.ProbeMeters;
import io.flashback.monitor.probe.ProbeOutcome;
import io.flashback.monitor.probe.ProbeResult;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit round's own rules, with an in-memory S3 node behind the {@link CanaryClient} port. */
class AuditingRoundsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
    private static final Duration MS = Duration.ofMillis(2);
    private static final CanaryAccess ACCESS = new CanaryAccess(new S3Credentials("AK", "SECRET"), "flashback-canary");

    private final MonitoredNode withCredentials = node();
    private final MonitoredNode withoutCredentials = node();
    private final InMemoryNode storage = new InMemoryNode();
    private final Map<String, Canary> placed = new HashMap<>();
    private final List<AuditResult> audits = new ArrayList<>();
    private final List<ProbeResult> probes = new ArrayList<>();

    private final AuditActiveNodes round = new AuditActiveNodes(nodes(withCredentials, withoutCredentials),
            nodeId -> nodeId.equals(withCredentials.nodeId()) ? Optional.of(ACCESS) : Optional.empty(), storage, canaries(),
            (node, result) -> audits.add(result), (node, result) -> probes.add(result), auditMeters(), probeMeters(), CLOCK,
            new SplittableRandom(11), new AuditActiveNodes.Settings("eu-west", Duration.ofSeconds(1), 8_192, 512, 4_096));

    @Test
    void placesTheCanaryOnceMeasuresThroughputAndPassesWhileTheBytesAreKept() {
        round.auditAll();
        round.auditAll();

        assertThat(audits).hasSize(2).allMatch(AuditResult::passed).allMatch(result -> result.nodeId().equals(withCredentials.nodeId()));
        assertThat(storage.puts.stream().filter(key -> key.startsWith("canary/"))).as("placed once").hasSize(1);
        assertThat(probes).hasSize(2).allSatisfy(probe -> {
            assertThat(probe.kind()).isEqualTo(ProbeKind.CANARY);
            assertThat(probe.outcome()).isEqualTo(ProbeOutcome.AVAILABLE);
            assertThat(probe.uploadMbps()).isPresent();
            assertThat(probe.downloadMbps()).isPresent();
        });
    }

    @Test
    void changedBytesFailAndALostCanaryIsPlacedAgainNextRound() {
        round.auditAll();
        String key = placed.values().iterator().next().key();
        Arrays.fill(storage.objects.get(key), (byte) 0);

        assertThat(round.auditAll()).singleElement().extracting(AuditResult::outcome).isEqualTo(AuditOutcome.WRONG_BYTES);

        storage.objects.remove(key);
        assertThat(round.auditAll()).singleElement().extracting(AuditResult::outcome).isEqualTo(AuditOutcome.MISSING);
        assertThat(placed).isEmpty();

        assertThat(round.auditAll()).singleElement().extracting(AuditResult::outcome).isEqualTo(AuditOutcome.PASSED);
    }

    @Test
    void aNodeThatRefusesThePlatformIsNotAuditedButItsCanaryProbeSaysSo() {
        storage.refusing = true;

        assertThat(round.auditAll()).isEmpty();

        storage.refusing = false;
        round.auditAll();
        storage.refusing = true;
        round.auditAll();
        assertThat(probes.getLast().outcome()).isEqualTo(ProbeOutcome.REFUSED);
        assertThat(audits.getLast().outcome()).isEqualTo(AuditOutcome.ERROR);
    }

    /** An S3 node in memory: buckets always exist, objects by key. */
    private static final class InMemoryNode implements CanaryClient {

        final Map<String, byte[]> objects = new HashMap<>();
        final List<String> puts = new ArrayList<>();
        boolean refusing;

        @Override
        public CanaryAnswer ensureBucket(URI endpoint, CanaryAccess access, Duration timeout) {
            return refusing ? new CanaryAnswer.Refused(403, "AccessDenied", MS) : new CanaryAnswer.Stored(MS);
        }

        @Override
        public CanaryAnswer put(URI endpoint, CanaryAccess access, String key, byte[] content, Duration timeout) {
            if (refusing) {
                return new CanaryAnswer.Refused(403, "AccessDenied", MS);
            }
            puts.add(key);
            objects.put(key, content.clone());
            return new CanaryAnswer.Stored(MS);
        }

        @Override
        public CanaryAnswer get(URI endpoint, CanaryAccess access, String key, Duration timeout) {
            byte[] bytes = objects.get(key);
            return bytes == null ? new CanaryAnswer.Missing("NoSuchKey", MS) : new CanaryAnswer.Read(bytes.clone(), MS, MS);
        }

        @Override
        public CanaryAnswer getRange(URI endpoint, CanaryAccess access, String key, RangeChallenge range, Duration timeout) {
            if (refusing) {
                return new CanaryAnswer.Refused(403, "AccessDenied", MS);
            }
            byte[] bytes = objects.get(key);
            return bytes == null ? new CanaryAnswer.Missing("NoSuchKey", MS)
                    : new CanaryAnswer.Read(Arrays.copyOfRange(bytes, (int) range.first(), (int) range.last() + 1), MS, MS);
        }
    }

    private Canaries canaries() {
        return new Canaries() {
            @Override
            public Optional<Canary> of(UUID nodeId, String location) {
                return Optional.ofNullable(placed.get(nodeId + "/" + location));
            }

            @Override
            public void placed(Canary canary) {
                placed.put(canary.nodeId() + "/" + canary.location(), canary);
            }

            @Override
            public void forget(UUID nodeId, String location) {
                placed.remove(nodeId + "/" + location);
            }
        };
    }

    private static AuditMeters auditMeters() {
        return new AuditMeters() {
            @Override
            public void audited(MonitoredNode node, AuditResult result) {
            }

            @Override
            public void notPlaced(MonitoredNode node) {
            }
        };
    }

    private static ProbeMeters probeMeters() {
        return new ProbeMeters() {
            @Override
            public void recorded(MonitoredNode node, ProbeResult result) {
            }

            @Override
            public void roundFinished(Collection<MonitoredNode> targets, Duration took) {
            }
        };
    }

    private static MonitoredNode node() {
        return new MonitoredNode(UUID.randomUUID(), "http://127.0.0.1:9000", "s3", "eu-west", "0xabc", true, true, true);
    }

    private static MonitoredNodes nodes(MonitoredNode... targets) {
        return new MonitoredNodes() {
            @Override
            public Optional<MonitoredNode> find(UUID nodeId) {
                return Arrays.stream(targets).filter(node -> node.nodeId().equals(nodeId)).findFirst();
            }

            @Override
            public List<MonitoredNode> probeTargets() {
                return List.of(targets);
            }

            @Override
            public boolean knowsProvider(String wallet) {
                return true;
            }
        };
    }
}
