package io.flashback.registry.node;

import io.flashback.events.outbox.Outbox;
import io.flashback.events.registry.NodeClaimed;
import io.flashback.registry.RegistryProperties;
import io.flashback.registry.Rejection;
import io.flashback.registry.identity.Secrets;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * The node, given its provider's claim code, signs the EIP-712 claim BridgeNodeRegistry checks and
 * hands it to the platform, which verifies it and binds the node to the wallet. The provider then
 * submits the same signed claim on chain with its wallet ({@code claimNode} must be sent by the
 * provider itself) and deposits collateral.
 *
 * <p>The claim nonce is always 0: the contract binds a node address at most once
 * ({@code NodeAddressInUse}) and only a successful claim uses its nonce, so the first and only
 * valid claim of a node address carries nonce 0.
 */
@Service
class ClaimBridgeNode {

    record Terms(UUID nodeId, String nodeAddress, NodeClaimTypedData claim) {
    }

    record Claimed(UUID nodeId, String nodeAddress, String providerWallet, long deadline, String signature) {
    }

    private final JdbcBridgeNodes nodes;
    private final Outbox outbox;
    private final Clock clock;
    private final RegistryProperties.Nodes settings;
    private final ClaimDomain domain;

    ClaimBridgeNode(JdbcBridgeNodes nodes, Outbox outbox, Clock clock, RegistryProperties properties, ClaimDomain domain) {
        this.nodes = nodes;
        this.outbox = outbox;
        this.clock = clock;
        this.settings = properties.nodes();
        this.domain = domain;
    }

    /** What the node must sign for this code (the code is checked, not used up). */
    @Transactional
    Terms terms(UUID nodeId, String code) {
        Instant now = clock.instant();
        JdbcBridgeNodes.ClaimCode claimCode = validCode(nodeId, code, now);
        BridgeNode node = nodes.find(nodeId).orElseThrow(() -> NodeProblems.unknown(nodeId));
        if (node.claimed()) {
            throw NodeProblems.alreadyClaimed(node, claimCode.providerWallet());
        }
        return new Terms(nodeId, node.nodeAddress(), typedData(nodeId, claimCode.providerWallet(),
                now.plus(settings.claimDeadline()).getEpochSecond()));
    }

    @Transactional
    Claimed claim(UUID nodeId, String code, long deadline, String signature) {
        Instant now = clock.instant();
        byte[] codeHash = Secrets.sha256(IssueClaimCode.normalize(code));
        JdbcBridgeNodes.ClaimCode claimCode = validCode(nodeId, code, now);
        BridgeNode node = nodes.lockById(nodeId).orElseThrow(() -> NodeProblems.unknown(nodeId));
        if (node.claimed()) {
            throw NodeProblems.alreadyClaimed(node, claimCode.providerWallet());
        }
        if (deadline <= now.getEpochSecond() || deadline > now.plus(settings.claimDeadline()).plus(Duration.ofMinutes(5)).getEpochSecond()) {
            throw new Rejection(Rejection.Kind.INVALID, "Invalid claim deadline",
                    "the deadline must be in the future and at most " + settings.claimDeadline().toHours() + " h away; take it from the claim terms");
        }
        NodeClaimTypedData typed = typedData(nodeId, claimCode.providerWallet(), deadline);
        String signer = typed.signer(signature);
        if (!signer.equals(node.nodeAddress())) {
            throw new Rejection(Rejection.Kind.FORBIDDEN, "Claim not signed by the node",
                    "the claim was signed by " + signer + ", not by the key of node " + nodeId + " (" + node.nodeAddress() + ")");
        }
        nodes.useClaimCode(codeHash, now);
        nodes.claim(nodeId, claimCode.providerWallet(), deadline, signature.toLowerCase(Locale.ROOT), now);
        outbox.publish(new NodeClaimed(UUID.randomUUID(), now, nodeId, node.nodeAddress(), claimCode.providerWallet()));
        return new Claimed(nodeId, node.nodeAddress(), claimCode.providerWallet(), deadline, signature.toLowerCase(Locale.ROOT));
    }

    private JdbcBridgeNodes.ClaimCode validCode(UUID nodeId, String code, Instant now) {
        JdbcBridgeNodes.ClaimCode found = nodes.lockClaimCode(Secrets.sha256(IssueClaimCode.normalize(code)))
                .filter(claimCode -> claimCode.nodeId().equals(nodeId))
                .orElseThrow(() -> new Rejection(Rejection.Kind.FORBIDDEN, "Unknown claim code", "this code was not issued for node " + nodeId));
        if (found.usedAt() != null || found.voidedAt() != null) {
            throw new Rejection(Rejection.Kind.GONE, "Claim code already used", "a claim code works once; ask the provider for a new one");
        }
        if (!found.expiresAt().isAfter(now)) {
            throw new Rejection(Rejection.Kind.GONE, "Claim code expired", "the claim code expired at " + found.expiresAt()
                    + "; ask the provider for a new one");
        }
        return found;
    }

    private NodeClaimTypedData typedData(UUID nodeId, String provider, long deadline) {
        ClaimDomain.Domain current = domain.current();
        return new NodeClaimTypedData(current.chainId(), current.registry(), nodeId, provider, BigInteger.ZERO, deadline);
    }
}
