package io.flashback.monitor.audit;

import io.flashback.monitor.node.MonitoredNode;
import io.flashback.monitor.node.MonitoredNodes;
import io.flashback.monitor.probe.ProbeKind;
import io.flashback.monitor.probe.ProbeMeters;
import io.flashback.monitor.probe.ProbeOutcome;
import io.flashback.monitor.probe.ProbeResult;
import io.flashback.monitor.probe.ProbeResults;
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
import java.util.random.RandomGenerator;

/**
 * One authenticated round on every active node the platform has credentials for: the canary is
 * placed once with content only the platform knows; each round uploads and downloads a fresh
 * throughput object (a CANARY probe with upload and download Mbps) and challenges a random byte range
 * of the canary (a possession audit). Nodes are audited one after another, so a round costs at most
 * one canary transfer at a time of the worker's bandwidth.
 */
public final class AuditActiveNodes {

    private static final Logger log = LoggerFactory.getLogger(AuditActiveNodes.class);

    /**
     * @param location        this worker's location, recorded with each result
     * @param timeout         one request's limit
     * @param canaryBytes     size of a new canary
     * @param challengeBytes  bytes one challenge asks for
     * @param throughputBytes size of the throughput object
     */
    public record Settings(String location, Duration timeout, long canaryBytes, int challengeBytes, long throughputBytes) {
    }

    private final MonitoredNodes nodes;
    private final CanaryCredentials credentials;
    private final CanaryClient client;
    private final Canaries canaries;
    private final AuditResults audits;
    private final ProbeResults probes;
    private final AuditMeters auditMeters;
    private final ProbeMeters probeMeters;
    private final Clock clock;
    private final RandomGenerator random;
    private final Settings settings;

    public AuditActiveNodes(MonitoredNodes nodes, CanaryCredentials credentials, CanaryClient client, Canaries canaries, AuditResults audits,
                            ProbeResults probes, AuditMeters auditMeters, ProbeMeters probeMeters, Clock clock, RandomGenerator random,
                            Settings settings) {
        this.nodes = nodes;
        this.credentials = credentials;
        this.client = client;
        this.canaries = canaries;
        this.audits = audits;
        this.probes = probes;
        this.auditMeters = auditMeters;
        this.probeMeters = probeMeters;
        this.clock = clock;
        this.random = random;
        this.settings = settings;
    }

    /** Audits every probed node with credentials; returns the audits recorded. */
    public List<AuditResult> auditAll() {
        List<AuditResult> recorded = new ArrayList<>();
        for (MonitoredNode node : nodes.probeTargets()) {
            credentials.forNode(node.nodeId()).ifPresent(access -> {
                try {
                    audit(node, access).ifPresent(recorded::add);
                } catch (RuntimeException e) {
                    log.warn("audit of node {} was not recorded: {}", node.nodeId(), e.toString());
                }
            });
        }
        return recorded;
    }

    /** One node: canary in place, throughput measured, one range challenged. Empty when the canary could not be placed. */
    public Optional<AuditResult> audit(MonitoredNode node, CanaryAccess access) {
        URI endpoint = node.s3Endpoint().orElseThrow(() -> new IllegalArgumentException("node " + node.nodeId() + " has no http(s) endpoint"));
        Optional<Canary> canary = canaries.of(node.nodeId(), settings.location()).filter(placed -> placed.bucket().equals(access.bucket()))
                .or(() -> place(node, endpoint, access));
        if (canary.isEmpty()) {
            auditMeters.notPlaced(node);
            return Optional.empty();
        }
        measureThroughput(node, endpoint, access);
        return Optional.of(challenge(node, endpoint, access, canary.get()));
    }

    private Optional<Canary> place(MonitoredNode node, URI endpoint, CanaryAccess access) {
        CanaryAnswer bucket = client.ensureBucket(endpoint, access, settings.timeout());
        if (!(bucket instanceof CanaryAnswer.Stored)) {
            log.warn("canary bucket {} on node {} is not usable: {}", access.bucket(), node.nodeId(), bucket);
            return Optional.empty();
        }
        CanaryContent content = CanaryContent.random(settings.canaryBytes(), random);
        Canary canary = new Canary(node.nodeId(), settings.location(), access.bucket(),
                "canary/" + node.nodeId() + "/" + settings.location(), content.size(), content.seedHex(), clock.instant());
        CanaryAnswer stored = client.put(endpoint, access, canary.key(), content.bytes(), settings.timeout());
        if (!(stored instanceof CanaryAnswer.Stored)) {
            log.warn("canary could not be placed on node {}: {}", node.nodeId(), stored);
            return Optional.empty();
        }
        canaries.placed(canary);
        return Optional.of(canary);
    }

    private void measureThroughput(MonitoredNode node, URI endpoint, CanaryAccess access) {
        Instant at = clock.instant();
        // fresh bytes every round: nothing on the way can answer from a cache
        CanaryContent content = CanaryContent.random(settings.throughputBytes(), random);
        String key = "throughput/" + settings.location();
        CanaryAnswer upload = client.put(endpoint, access, key, content.bytes(), settings.timeout());
        ProbeResult result;
        if (!(upload instanceof CanaryAnswer.Stored)) {
            result = failedProbe(node, at, upload, upload.elapsed(), "upload: ");
        } else {
            CanaryAnswer download = client.get(endpoint, access, key, settings.timeout());
            Duration total = upload.elapsed().plus(download.elapsed());
            if (download instanceof CanaryAnswer.Read read && read.bytes().length == content.size()) {
                result = new ProbeResult(UUID.randomUUID(), node.nodeId(), settings.location(), ProbeKind.CANARY, at, ProbeOutcome.AVAILABLE, 200,
                        Optional.of(read.timeToFirstByte()), total, Optional.of(mbps(content.size(), upload.elapsed())),
                        Optional.of(mbps(content.size(), read.elapsed())), content.size() + " bytes up and down");
            } else if (download instanceof CanaryAnswer.Read read) {
                result = new ProbeResult(UUID.randomUUID(), node.nodeId(), settings.location(), ProbeKind.CANARY, at, ProbeOutcome.NOT_S3, 200,
                        Optional.of(read.timeToFirstByte()), total, Optional.empty(), Optional.empty(),
                        "download: " + read.bytes().length + " bytes for " + content.size() + " uploaded");
            } else {
                result = failedProbe(node, at, download, total, "download: ");
            }
        }
        probes.record(node, result);
        probeMeters.recorded(node, result);
    }

    private ProbeResult failedProbe(MonitoredNode node, Instant at, CanaryAnswer answer, Duration total, String step) {
        ProbeOutcome outcome;
        int status;
        String detail;
        switch (answer) {
            case CanaryAnswer.TimedOut timedOut -> {
                outcome = ProbeOutcome.TIMEOUT;
                status = 0;
                detail = "no answer after " + timedOut.elapsed().toMillis() + " ms";
            }
            case CanaryAnswer.Failed failed -> {
                outcome = failed.status() == 0 ? ProbeOutcome.CONNECTION_FAILED : ProbeOutcome.SERVER_ERROR;
                status = failed.status();
                detail = failed.detail();
            }
            case CanaryAnswer.Refused refused -> {
                outcome = ProbeOutcome.REFUSED;
                status = refused.status();
                detail = refused.code();
            }
            case CanaryAnswer.Missing missing -> {
                outcome = ProbeOutcome.REFUSED;
                status = 404;
                detail = missing.code();
            }
            default -> {
                outcome = ProbeOutcome.NOT_S3;
                status = 0;
                detail = "unexpected answer " + answer;
            }
        }
        return new ProbeResult(UUID.randomUUID(), node.nodeId(), settings.location(), ProbeKind.CANARY, at, outcome, status, Optional.empty(),
                total, Optional.empty(), Optional.empty(), step + detail);
    }

    private AuditResult challenge(MonitoredNode node, URI endpoint, CanaryAccess access, Canary canary) {
        CanaryContent content = canary.content();
        RangeChallenge range = RangeChallenge.random(canary.size(), settings.challengeBytes(), random);
        String expected = content.sha256Hex(range);
        Instant at = clock.instant();
        CanaryAnswer answer = client.getRange(endpoint, access, canary.key(), range, settings.timeout());
        PossessionAudit.Judgment judgment = PossessionAudit.judge(range, expected, answer);
        AuditResult result = new AuditResult(UUID.randomUUID(), node.nodeId(), settings.location(), at, canary.bucket(), canary.key(), range,
                judgment.outcome(), expected, judgment.answeredSha256(), answer.elapsed(), judgment.detail());
        audits.record(node, result);
        auditMeters.audited(node, result);
        if (judgment.outcome() == AuditOutcome.MISSING) {
            canaries.forget(node.nodeId(), settings.location());
        }
        return result;
    }

    private static double mbps(long bytes, Duration elapsed) {
        double seconds = Math.max(elapsed.toNanos(), 1) / 1e9;
        return bytes * 8 / 1e6 / seconds;
    }
}
