package io.flashback.bridge.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The node's NODE access token for calls through the gateway (registry-service's {@code POST /nodes/{id}/token}, a
 * request signed with the node key over {@link NodeMessages#tokenRequest}): fetched when needed, reused until shortly
 * before it expires, dropped when the platform no longer accepts it. Unclaimed nodes get none (403 "Node not claimed").
 */
public final class NodeTokens {
    /** Renew this long before the expiry, so a request never leaves with a token about to expire. */
    private static final Duration MARGIN = Duration.ofSeconds(30);

    private final PlatformClient client;
    private final NodeKey key;
    private final UUID nodeId;
    private final Clock clock;
    private String token;
    private Instant renewAt = Instant.MIN;

    public NodeTokens(PlatformClient client, NodeKey key, UUID nodeId, Clock clock) {
        this.client = client;
        this.key = key;
        this.nodeId = nodeId;
        this.clock = clock;
    }

    /** A token valid for a while; throws {@link PlatformException} when the registry gives none. */
    public synchronized String current() {
        Instant now = clock.instant();
        if (token == null || !now.isBefore(renewAt)) {
            String nonce = Nonces.next();
            long timestamp = now.getEpochSecond();
            PlatformClient.NodeToken issued = client.nodeToken(nodeId, nonce, timestamp,
                    key.signText(NodeMessages.tokenRequest(nodeId, key.address(), nonce, timestamp)));
            token = issued.accessToken();
            Duration lifetime = Duration.ofSeconds(issued.expiresInSeconds());
            renewAt = now.plus(lifetime.compareTo(MARGIN.multipliedBy(2)) > 0 ? lifetime.minus(MARGIN) : lifetime.dividedBy(2));
        }
        return token;
    }

    /** Forgets the token (the platform answered 401): the next call fetches a new one. */
    public synchronized void invalidate() {
        token = null;
    }

    @Override
    public String toString() {
        return "NodeTokens[node " + nodeId + "]";
    }
}
