package io.flashback.orchestrator.web;

import io.flashback.orchestrator.lifecycle.NotYours;
import io.flashback.security.Identity;
import org.springframework.security.core.Authentication;

import java.util.Optional;
import java.util.UUID;

/**
 * The caller's wallet and the consumer and provider accounts its token names (claim {@code accounts}); the
 * ownership checks of every endpoint that serves consumers or providers start here.
 */
public record Caller(String wallet, Optional<UUID> consumerId, Optional<UUID> providerId) {

    public static Caller of(Authentication authentication) {
        Identity identity = Identity.of(authentication);
        return new Caller(identity.subject(), account(identity, "CONSUMER"), account(identity, "PROVIDER"));
    }

    private static Optional<UUID> account(Identity identity, String role) {
        if (!identity.hasRole(role)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(identity.accounts().get(role)).map(UUID::fromString);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public UUID consumer() {
        return consumerId.orElseThrow(() -> new NoAccount("a consumer account is needed (role CONSUMER with its account in the token)"));
    }

    public UUID provider() {
        return providerId.orElseThrow(() -> new NoAccount("a provider account is needed (role PROVIDER with its account in the token)"));
    }

    public boolean isParty(io.flashback.orchestrator.agreement.Agreement agreement) {
        return consumerId.filter(agreement.consumerId()::equals).isPresent() || providerId.filter(agreement.providerId()::equals).isPresent();
    }

    /** The token carries no account for the role the endpoint serves. */
    public static class NoAccount extends RuntimeException {
        NoAccount(String message) {
            super(message);
        }
    }

}
