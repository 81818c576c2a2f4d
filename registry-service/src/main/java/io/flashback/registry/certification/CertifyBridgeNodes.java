package io.flashback.registry.certification;

import io.flashback.events.outbox.Outbox;
import io.flashback.events.registry.NodeCertificationFailed;
import io.flashback.events.registry.NodeCertified;
import io.flashback.registry.RegistryProperties;
import io.flashback.registry.Rejection;
import io.flashback.registry.auth.KeyEncryption;
import io.flashback.registry.identity.Secrets;
import io.flashback.registry.node.BridgeNode;
import io.flashback.registry.node.BridgeNodeDirectory;
import io.flashback.registry.node.NodeState;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * Certification of bridge nodes: the registry checks each ACTIVE, online node's public endpoint with test credentials
 * it makes for the run ({@link NodeChecks}) — when the node has never been certified, some time before its
 * certification ends, some time after a failed run, or when its provider asks. The run's key reaches the node the way
 * agreements' keys do, encrypted to the node key, when the node fetches its test grants; it works only on the run's
 * bucket, within a small quota, and only while the run lasts. A run that passes every check certifies the node at the
 * tier its measurements reach, for the configured validity ({@link NodeCertified}); one that fails keeps every reason
 * ({@link NodeCertificationFailed}), shown to the provider. Runs go one at a time on a thread of their own; at most one
 * run per node exists across registry instances, and a run cut short by a stopped instance is ended as failed.
 */
@Service
public class CertifyBridgeNodes {

    private static final Logger log = LoggerFactory.getLogger(CertifyBridgeNodes.class);
    /** What a run stores at most: the multipart object, the throughput object and a small one, with room to spare. */
    private static final long QUOTA_HEADROOM = 16L * 1024 * 1024;
    static final String OWNER = "flashback-certification";

    private final BridgeNodeDirectory nodes;
    private final JdbcCertificationRuns runs;
    private final NodeChecks checks;
    private final KeyEncryption encryption;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final RegistryProperties.Certification rules;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("certification").daemon().factory());

    CertifyBridgeNodes(BridgeNodeDirectory nodes, JdbcCertificationRuns runs, NodeChecks checks, KeyEncryption encryption, Outbox outbox,
                       TransactionTemplate transactions, Clock clock, RegistryProperties properties) {
        this.nodes = nodes;
        this.runs = runs;
        this.checks = checks;
        this.encryption = encryption;
        this.outbox = outbox;
        this.transactions = transactions;
        this.clock = clock;
        this.rules = properties.certification();
    }

    /** Ends runs cut short elsewhere and starts a run for every active, online node that is due one. */
    @Scheduled(fixedDelayString = "${flashback.registry.certification.scan-interval:1m}",
            initialDelayString = "${flashback.registry.certification.scan-interval:1m}")
    public void scan() {
        if (rules.enabled()) {
            scanNow();
        }
    }

    void scanNow() {
        endAbandonedRuns();
        for (BridgeNode node : nodes.activeAndOnline()) {
            if (due(node.id())) {
                start(node, RunTrigger.SCHEDULED);
            }
        }
    }

    /** A run its provider (or an operator) asks for now; answered at once, the run goes on in the background. */
    public CertificationRun request(UUID nodeId, String caller, boolean operator) {
        BridgeNode node = nodes.find(nodeId).filter(found -> operator || caller.equals(found.providerWallet()))
                .orElseThrow(() -> new Rejection(Rejection.Kind.NOT_FOUND, "Unknown node", "no node " + nodeId + " of yours"));
        if (node.state() != NodeState.ACTIVE || !node.online()) {
            throw new Rejection(Rejection.Kind.CONFLICT, "Node not ready for certification", "only an ACTIVE, online node is certified; node "
                    + nodeId + " is " + node.state() + (node.online() ? "" : " and offline"));
        }
        List<CertificationRun> latest = runs.ofNode(nodeId, 1);
        if (!latest.isEmpty() && latest.getFirst().outcome() == RunOutcome.RUNNING) {
            throw new Rejection(Rejection.Kind.CONFLICT, "Certification running", "run " + latest.getFirst().id() + " is checking the node now");
        }
        Instant now = clock.instant();
        if (!latest.isEmpty() && latest.getFirst().startedAt().plus(rules.requestInterval()).isAfter(now)) {
            throw new Rejection(Rejection.Kind.CONFLICT, "Certification ran recently", "the node's last run started at "
                    + latest.getFirst().startedAt() + "; ask again after " + latest.getFirst().startedAt().plus(rules.requestInterval()));
        }
        return start(node, RunTrigger.REQUESTED).orElseThrow(() -> new Rejection(Rejection.Kind.CONFLICT, "Certification running",
                "another run of node " + nodeId + " started at the same moment"));
    }

    /** The node's runs, latest first, for its provider or an operator. */
    public List<CertificationRun> history(UUID nodeId, String caller, boolean operator, int limit) {
        nodes.find(nodeId).filter(found -> operator || caller.equals(found.providerWallet()))
                .orElseThrow(() -> new Rejection(Rejection.Kind.NOT_FOUND, "Unknown node", "no node " + nodeId + " of yours"));
        return runs.ofNode(nodeId, limit);
    }

    /** The run that certifies the node now, if any. */
    public Optional<CertificationRun> inForce(UUID nodeId) {
        return runs.inForce(nodeId, clock.instant());
    }

    /** The running run's test key for the node itself, its secret opened for {@link TestGrants} to encrypt to the node key. */
    Optional<RunningKey> runningKey(UUID nodeId) {
        return runs.running(nodeId).filter(running -> running.run().deadline().isAfter(clock.instant()))
                .map(running -> new RunningKey(running.run(), new String(encryption.decrypt(running.sealedSecret(), running.run().accessKeyId()),
                        StandardCharsets.UTF_8)));
    }

    record RunningKey(CertificationRun run, String secret) {

        @Override
        public String toString() {
            return "RunningKey[" + run.accessKeyId() + "]";
        }
    }

    boolean due(UUID nodeId) {
        List<CertificationRun> latest = runs.ofNode(nodeId, 1);
        if (latest.isEmpty()) {
            return true;
        }
        CertificationRun run = latest.getFirst();
        Instant now = clock.instant();
        return switch (run.outcome()) {
            case RUNNING -> false;
            case PASSED -> !run.certifiedUntil().minus(rules.renewBefore()).isAfter(now);
            case FAILED -> !run.finishedAt().plus(rules.retryAfter()).isAfter(now);
        };
    }

    private Optional<CertificationRun> start(BridgeNode node, RunTrigger trigger) {
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        String accessKeyId = "FBC" + Secrets.alphanumeric(17).toUpperCase(java.util.Locale.ROOT);
        String secret = Secrets.alphanumeric(40);
        // the credential wait, then about two dozen requests that may each take the request timeout
        Instant deadline = now.plus(rules.credentialWait()).plus(rules.requestTimeout().multipliedBy(24));
        CertificationRun run = new CertificationRun(id, node.id(), trigger, RunOutcome.RUNNING, now, deadline, null, null, null, accessKeyId,
                "fb-cert-" + id, rules.throughputBytes() + QUOTA_HEADROOM, List.of());
        if (!runs.start(run, encryption.encrypt(secret.getBytes(StandardCharsets.UTF_8), accessKeyId))) {
            return Optional.empty();
        }
        log.info("certification run {} of node {} started ({}), test key {}", id, node.id(), trigger, accessKeyId);
        try {
            executor.execute(() -> execute(run, node, new TestCredentials(accessKeyId, secret, run.bucket())));
        } catch (RejectedExecutionException stopping) {
            end(run, node, List.of(CheckResult.failed("run", "the registry was stopping; the run is repeated later")), null);
        }
        return Optional.of(run);
    }

    private void execute(CertificationRun run, BridgeNode node, TestCredentials credentials) {
        try {
            NodeChecks.Report report = checks.run(URI.create(node.endpoint()), credentials);
            CertificationTier tier = report.passed()
                    ? CertificationTier.of(report.medianLatency(), report.uploadBytesPerSecond(), report.downloadBytesPerSecond(), rules) : null;
            end(run, node, report.checks(), tier);
        } catch (RuntimeException e) {
            log.error("certification run {} of node {} broke off", run.id(), node.id(), e);
            end(run, node, List.of(CheckResult.failed("run", "the platform could not complete the run (" + e.getClass().getSimpleName()
                    + "); it is repeated later")), null);
        }
    }

    private void end(CertificationRun run, BridgeNode node, List<CheckResult> results, CertificationTier tier) {
        Instant now = clock.instant();
        Instant until = tier == null ? null : now.plus(rules.validity());
        boolean ended = Boolean.TRUE.equals(transactions.execute(status -> {
            if (!runs.finish(run.id(), tier == null ? RunOutcome.FAILED : RunOutcome.PASSED, tier, until, results, now)) {
                return false;
            }
            if (tier != null) {
                outbox.publish(new NodeCertified(UUID.randomUUID(), now, node.id(), node.providerWallet(), run.id(), tier.name(), until));
            } else {
                outbox.publish(new NodeCertificationFailed(UUID.randomUUID(), now, node.id(), node.providerWallet(), run.id(),
                        results.stream().filter(check -> !check.passed()).map(CheckResult::reason).toList()));
            }
            return true;
        }));
        if (!ended) {
            log.warn("certification run {} of node {} had been ended already (past its deadline)", run.id(), node.id());
        } else if (tier != null) {
            log.info("node {} certified {} until {} (run {})", node.id(), tier, until, run.id());
        } else {
            log.info("node {} failed certification run {}: {}", node.id(), run.id(),
                    results.stream().filter(check -> !check.passed()).map(CheckResult::reason).toList());
        }
    }

    void endAbandonedRuns() {
        for (CertificationRun run : runs.abandoned(clock.instant())) {
            nodes.find(run.nodeId()).ifPresent(node -> end(run, node, List.of(CheckResult.failed("run",
                    "cut short: the registry instance running it stopped before it ended; it is repeated later")), null));
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
