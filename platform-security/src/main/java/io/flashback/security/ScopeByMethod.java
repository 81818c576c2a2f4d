package io.flashback.security;

import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

import java.util.Set;
import java.util.function.Supplier;

/**
 * An authenticated caller whose token has the scope the request needs: {@code read} to look
 * (GET, HEAD, OPTIONS), {@code write} to change anything. Wallet sessions carry every scope; an
 * API key's token only those the key was given.
 */
final class ScopeByMethod implements AuthorizationManager<RequestAuthorizationContext> {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
    private final AuthenticationTrustResolver trust = new AuthenticationTrustResolverImpl();

    @Override
    public AuthorizationResult authorize(Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
        Authentication caller = authentication.get();
        if (caller == null || !trust.isAuthenticated(caller)) {
            return new AuthorizationDecision(false);
        }
        String needed = "SCOPE_" + (SAFE.contains(context.getRequest().getMethod()) ? FlashbackClaims.READ : FlashbackClaims.WRITE);
        return new AuthorizationDecision(caller.getAuthorities().stream().anyMatch(authority -> needed.equals(authority.getAuthority())));
    }

    @Override
    public String toString() {
        return "ScopeByMethod[read for GET/HEAD/OPTIONS, write otherwise]";
    }
}
