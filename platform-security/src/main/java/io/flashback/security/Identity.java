package io.flashback.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who is calling, read from a validated access token: the subject (a lower-case 0x wallet address,
 * or {@code node:<id>} for a bridge node), roles and scopes. Services check ownership against
 * {@link #subject()}; headers the gateway adds are for logs only.
 */
public record Identity(String subject, Set<String> roles, Set<String> scopes, Optional<String> apiKeyId,
                       Map<String, String> accounts) {

    public Identity {
        roles = Set.copyOf(roles);
        scopes = Set.copyOf(scopes);
        accounts = Map.copyOf(accounts);
    }

    public static Identity of(Jwt jwt) {
        List<String> roles = jwt.getClaimAsStringList(FlashbackClaims.ROLES);
        String scope = jwt.getClaimAsString(FlashbackClaims.SCOPE);
        Map<String, Object> accounts = jwt.hasClaim(FlashbackClaims.ACCOUNTS) ? jwt.getClaimAsMap(FlashbackClaims.ACCOUNTS) : Map.of();
        return new Identity(jwt.getSubject().toLowerCase(Locale.ROOT),
                roles == null ? Set.of() : Set.copyOf(roles),
                scope == null || scope.isBlank() ? Set.of() : Arrays.stream(scope.trim().split("\\s+")).collect(Collectors.toSet()),
                Optional.ofNullable(jwt.getClaimAsString(FlashbackClaims.API_KEY)),
                accounts.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, entry -> String.valueOf(entry.getValue()))));
    }

    /** The identity of an authenticated request; fails for an anonymous one. */
    public static Identity of(Authentication authentication) {
        if (authentication instanceof JwtAuthenticationToken token) {
            return of(token.getToken());
        }
        throw new IllegalStateException("not authenticated with a Flashback access token");
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }
}
