package io.flashback.events.registry;

import java.time.Instant;
import java.util.UUID;

/**
 * A bridge node passed the platform's certification run against its public endpoint (S3 round trip with test
 * credentials, bad signature refused, latency and throughput measured) and is certified at {@code tier}
 * ({@code GOLD}, {@code SILVER} or {@code BRONZE}) until {@code certifiedUntil}, when it is certified again or lapses.
 */
public record NodeCertified(UUID eventId, Instant occurredAt, UUID nodeId, String providerWallet, UUID runId, String tier,
                            Instant certifiedUntil) implements RegistryEvent {

    @Override
    public String aggregateId() {
        return nodeId.toString();
    }
}
