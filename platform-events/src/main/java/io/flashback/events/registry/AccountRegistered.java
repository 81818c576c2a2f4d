package io.flashback.events.registry;

import java.time.Instant;
import java.util.UUID;

/** An account (consumer, provider, operator or validator) was registered. */
public record AccountRegistered(UUID eventId, Instant occurredAt, UUID accountId, String wallet, String role,
                                String displayName) implements RegistryEvent {

    @Override
    public String aggregateId() {
        return accountId.toString();
    }
}
