package io.flashback.registry.certification;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.flashback.chain.nodekey.NodeKeyEncryption;
import io.flashback.registry.Rejection;
import io.flashback.registry.identity.Eip191;
import io.flashback.registry.node.BridgeNodeDirectory;
import io.flashback.security.Identity;
import io.flashback.security.NodeCaller;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A node's certification: its provider (or an operator) sees its status and every run with the checks' results and
 * reasons, and may ask for a run; the node itself fetches the running run's test key (NODE token of that node),
 * encrypted to the node key its token carries.
 */
@RestController
@RequestMapping("/nodes/{nodeId}")
class CertificationController {

    private final CertifyBridgeNodes certification;
    private final BridgeNodeDirectory nodes;
    private final NodeKeyEncryption encryption = new NodeKeyEncryption(new SecureRandom());

    CertificationController(CertifyBridgeNodes certification, BridgeNodeDirectory nodes) {
        this.certification = certification;
        this.nodes = nodes;
    }

    /**
     * @param status CERTIFIED (a passed run's validity has not ended), RUNNING (none in force, one going), FAILED (the
     *               latest run failed), EXPIRED (the latest passed run's validity ended) or NONE (never run)
     */
    record CertificationView(UUID nodeId, String status, CertificationTier tier, Instant certifiedUntil, List<CertificationRun> runs) {
    }

    @GetMapping("/certification")
    CertificationView certification(@PathVariable UUID nodeId, @RequestParam(defaultValue = "10") int limit, Authentication authentication) {
        if (limit < 1 || limit > 100) {
            throw new Rejection(Rejection.Kind.INVALID, "Invalid limit", "limit must be between 1 and 100");
        }
        Identity caller = Identity.of(authentication);
        List<CertificationRun> runs = certification.history(nodeId, caller.subject(), caller.hasRole("OPERATOR"), limit);
        var inForce = certification.inForce(nodeId);
        String status = inForce.isPresent() ? "CERTIFIED"
                : runs.isEmpty() ? "NONE"
                : switch (runs.getFirst().outcome()) {
                    case RUNNING -> "RUNNING";
                    case FAILED -> "FAILED";
                    case PASSED -> "EXPIRED";
                };
        return new CertificationView(nodeId, status, inForce.map(CertificationRun::tier).orElse(null),
                inForce.map(CertificationRun::certifiedUntil).orElse(null), runs);
    }

    @PostMapping("/certification")
    ResponseEntity<CertificationRun> request(@PathVariable UUID nodeId, Authentication authentication) {
        Identity caller = Identity.of(authentication);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(certification.request(nodeId, caller.subject(), caller.hasRole("OPERATOR")));
    }

    /** The grant entry a node applies, in the orchestrator's sync format (ADR 0005). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TestGrantView(String accessKeyId, String owner, String bucket, long quotaBytes, String access, Instant validUntil,
                         String encryptedSecret, UUID certificationRun) {
    }

    record TestGrantsView(UUID nodeId, List<TestGrantView> grants) {
    }

    @GetMapping("/test-grants")
    ResponseEntity<TestGrantsView> testGrants(@PathVariable UUID nodeId, Authentication authentication) {
        String nodeKey = NodeCaller.keyOf(authentication, nodeId).orElseThrow(() -> new Rejection(Rejection.Kind.FORBIDDEN, "Not this node",
                "only node " + nodeId + " itself (its NODE token) fetches its test grants"));
        String nodeAddress = nodes.find(nodeId).orElseThrow(() -> new Rejection(Rejection.Kind.NOT_FOUND, "Unknown node", "no node " + nodeId))
                .nodeAddress();
        var point = NodeKeyEncryption.nodeKey(nodeKey);
        if (!Eip191.addressOf(nodeKey).equalsIgnoreCase(nodeAddress)) {
            throw new Rejection(Rejection.Kind.FORBIDDEN, "Not this node", "the token's node key is not the key of node " + nodeId);
        }
        List<TestGrantView> grants = certification.runningKey(nodeId).map(running -> new TestGrantView(running.run().accessKeyId(),
                CertifyBridgeNodes.OWNER, running.run().bucket(), running.run().quotaBytes(), "READ_WRITE", running.run().deadline(),
                encryption.encrypt(point, running.run().accessKeyId(), running.secret()), running.run().id())).stream().toList();
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new TestGrantsView(nodeId, grants));
    }
}
