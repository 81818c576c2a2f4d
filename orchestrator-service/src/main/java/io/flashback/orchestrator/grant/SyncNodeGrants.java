package io.flashback.orchestrator.grant;

import io.flashback.chain.nodekey.NodeKeyEncryption;

import org.bouncycastle.math.ec.ECPoint;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/**
 * A bridge node pulls the changes of its grants' keys since the last version it applied (ADR 0005): active keys
 * with their secrets encrypted to the node key its token carries, revoked ones as tombstones. Only the node
 * itself asks: the caller's token must be a NODE token for exactly this node.
 */
@Service
public class SyncNodeGrants {

    private final GrantCredentials credentials;
    private final NodeKeyEncryption encryption;

    SyncNodeGrants(GrantCredentials credentials, NodeKeyEncryption encryption) {
        this.credentials = credentials;
        this.encryption = encryption;
    }

    /** The token's claims the sync relies on: its subject, whether it has role NODE, and its {@code node_key}. */
    public record NodeCaller(String subject, boolean node, String nodeKey) {
    }

    @Transactional(readOnly = true)
    public NodeGrants changes(NodeCaller caller, String nodeId, long since, int limit) {
        if (!caller.node() || !("node:" + nodeId).equalsIgnoreCase(caller.subject())) {
            throw new NotThisNode("only node " + nodeId + " reads its grants, with its own NODE token");
        }
        ECPoint nodeKey;
        try {
            nodeKey = NodeKeyEncryption.nodeKey(caller.nodeKey());
        } catch (IllegalArgumentException e) {
            throw new NotThisNode("the token carries no usable node key (claim node_key: " + e.getMessage()
                    + "); get a new token from the registry");
        }
        if (since < 0) {
            throw new IllegalArgumentException("since must be 0 or a version a previous sync answered");
        }
        List<GrantCredential> page = credentials.changedOnNode(nodeId, since, limit + 1);
        boolean more = page.size() > limit;
        List<NodeGrants.Change> changes = page.stream().limit(limit).map(credential -> change(credential, nodeKey)).toList();
        // Nothing changed: answer `since` itself, unless this node's versions end below it (the node holds versions of
        // another database, e.g. after a restore), so that the node sees the step back and syncs again from 0. Never a
        // later version read after the page: a change committed in between would be skipped.
        long version = changes.isEmpty() ? Math.min(since, credentials.latestVersionOnNode(nodeId)) : changes.getLast().version();
        return new NodeGrants(nodeId, version, more, changes);
    }

    private NodeGrants.Change change(GrantCredential credential, ECPoint nodeKey) {
        if (!credential.active()) {
            return new NodeGrants.Revoked(credential.accessKeyId(), credential.version());
        }
        S3Secret secret = credential.secret().orElseThrow(() -> new IllegalStateException("active key " + credential.accessKeyId() + " has no secret"));
        return new NodeGrants.Active(credential.accessKeyId(), credential.version(), credential.agreementId(), credential.consumerId(),
                credential.bucket(), credential.quotaBytes(), GrantCredential.ACCESS, credential.validUntil(),
                encryption.encrypt(nodeKey, credential.accessKeyId(), secret.value()));
    }
}
