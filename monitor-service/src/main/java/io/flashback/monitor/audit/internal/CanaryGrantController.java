package io.flashback.monitor.audit.internal;

import io.flashback.chain.nodekey.NodeKeyEncryption;
import io.flashback.monitor.node.MonitoredNode;
import io.flashback.monitor.node.MonitoredNodes;
import io.flashback.monitor.web.NotFound;
import io.flashback.security.NodeCaller;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.security.SecureRandom;
import java.util.List;
import java.util.UUID;

/**
 * A node's grant sync fetches the platform's canary key here with its own NODE token: the key for the canary bucket,
 * the secret encrypted to the node key the token carries (ADR 0005), in the orchestrator's grant format. Only an
 * active node the monitor probes gets one; the list is empty while the platform's canary keys are off.
 */
@RestController
class CanaryGrantController {

    private final PlatformCanaryKeys keys;
    private final MonitoredNodes nodes;
    private final NodeKeyEncryption encryption = new NodeKeyEncryption(new SecureRandom());

    CanaryGrantController(PlatformCanaryKeys keys, MonitoredNodes nodes) {
        this.keys = keys;
        this.nodes = nodes;
    }

    record CanaryGrantView(String accessKeyId, String owner, String bucket, long quotaBytes, String access, String encryptedSecret) {
    }

    record CanaryGrantsView(UUID nodeId, List<CanaryGrantView> grants) {
    }

    @GetMapping("/nodes/{nodeId}/canary-grants")
    ResponseEntity<?> canaryGrants(@PathVariable UUID nodeId, Authentication authentication) {
        String nodeKey = NodeCaller.keyOf(authentication, nodeId).orElse(null);
        if (nodeKey == null) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                    "only node " + nodeId + " itself (its NODE token) fetches its canary key");
            problem.setTitle("Not this node");
            return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem);
        }
        if (nodes.find(nodeId).filter(MonitoredNode::probed).isEmpty()) {
            throw new NotFound("node " + nodeId + " is not an active node the platform audits");
        }
        var point = NodeKeyEncryption.nodeKey(nodeKey);
        List<CanaryGrantView> grants = keys.fetchedBy(nodeId).map(key -> new CanaryGrantView(key.accessKeyId(), PlatformCanaryKeys.OWNER,
                key.bucket(), key.quotaBytes(), "READ_WRITE", encryption.encrypt(point, key.accessKeyId(), key.secretAccessKey()))).stream().toList();
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new CanaryGrantsView(nodeId, grants));
    }
}
