package io.flashback.registry.node;

import io.flashback.registry.RegistryProperties;
import io.flashback.registry.Rejection;
import io.flashback.registry.identity.Secrets;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * A provider who knows a node's secret (printed in the node's console) gets a one-time claim code
 * for it: short-lived, single use, bound to this node and this provider wallet, stored as SHA-256.
 */
@Service
class IssueClaimCode {

    record Issued(UUID nodeId, String code, Instant expiresAt) {
    }

    private final JdbcBridgeNodes nodes;
    private final Clock clock;
    private final Duration ttl;

    IssueClaimCode(JdbcBridgeNodes nodes, Clock clock, RegistryProperties properties) {
        this.nodes = nodes;
        this.clock = clock;
        this.ttl = properties.nodes().claimCodeTtl();
    }

    @Transactional
    Issued issue(String provider, UUID nodeId, String secret) {
        BridgeNode node = nodes.lockById(nodeId).orElseThrow(() -> NodeProblems.unknown(nodeId));
        if (node.claimed()) {
            throw NodeProblems.alreadyClaimed(node, provider);
        }
        if (!Secrets.matches(secret, nodes.secretHash(nodeId))) {
            throw new Rejection(Rejection.Kind.FORBIDDEN, "Wrong node secret",
                    "the secret does not match the one node " + nodeId + " printed when it announced itself");
        }
        String code = Secrets.readable(12);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(ttl);
        nodes.insertClaimCode(Secrets.sha256(code), nodeId, provider, now, expiresAt);
        return new Issued(nodeId, code.substring(0, 4) + "-" + code.substring(4, 8) + "-" + code.substring(8), expiresAt);
    }

    /** Codes are typed by people: dashes and case do not matter. */
    static String normalize(String code) {
        return code == null ? "" : code.replace("-", "").replace(" ", "").toUpperCase(Locale.ROOT);
    }
}
