package io.flashback.orchestrator.grant;

import io.flashback.chain.nodekey.NodeKeyEncryption;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a node's grant sync answers: its keys changed after the version it asked from, in version order.
 *
 * @param version the version to ask from next time: the last change's, or (nothing changed) the version asked from;
 *                lower than that only when the orchestrator's versions end below it (the node should then sync from 0)
 * @param more    the answer stopped at the page size; ask again from {@code version} for the rest
 */
public record NodeGrants(String nodeId, long version, boolean more, List<Change> grants) {

    /** One key: active with everything the node needs, or revoked (a tombstone: just the key, to refuse from now on). */
    public sealed interface Change permits Active, Revoked {
        String accessKeyId();

        long version();
    }

    /** @param encryptedSecret the secret encrypted to the node key ({@link NodeKeyEncryption}'s wire format) */
    public record Active(String accessKeyId, long version, UUID agreementId, UUID owner, String bucket, long quotaBytes, String access,
                         Instant validUntil, String encryptedSecret) implements Change {
    }

    public record Revoked(String accessKeyId, long version) implements Change {
    }
}
