package io.flashback.registry.auth;

import io.flashback.registry.ratelimit.AnonymousRequestLimits;
import io.flashback.registry.ratelimit.ClientAddress;
import io.flashback.registry.revocation.TokenRevocations;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.Map;

/**
 * Sign-in endpoints (public: they are how a caller gets a token) and the JWKS every service
 * validates tokens with.
 */
@RestController
class AuthController {

    record SignInRequest(@NotBlank @Size(max = 4096) String message, @NotBlank @Size(max = 200) String signature) {
    }

    record RefreshRequest(@NotBlank @Size(max = 200) String refreshToken) {
    }

    record ApiKeyRequest(@NotBlank @Size(max = 200) String apiKey) {
    }

    private final Sessions sessions;
    private final SigningKeys keys;
    private final TokenRevocations revocations;
    private final AnonymousRequestLimits limits;

    AuthController(Sessions sessions, SigningKeys keys, TokenRevocations revocations, AnonymousRequestLimits limits) {
        this.sessions = sessions;
        this.keys = keys;
        this.revocations = revocations;
        this.limits = limits;
    }

    /**
     * A fresh single-use nonce for the SIWE message, and what else the message must say. Each one is
     * a row anyone can make without a token, so they are limited per client IP across instances (#13 L8).
     */
    @PostMapping("/auth/nonce")
    Map<String, Object> nonce(HttpServletRequest request) {
        limits.admit(AnonymousRequestLimits.Action.NONCE, ClientAddress.of(request));
        SiweNonces.Issued issued = sessions.nonce();
        Map<String, Object> answer = new java.util.LinkedHashMap<>(sessions.describe());
        answer.put("nonce", issued.nonce());
        answer.put("expiresAt", issued.expiresAt());
        return answer;
    }

    @PostMapping("/auth/siwe")
    Sessions.Session signIn(@Valid @RequestBody SignInRequest request) {
        return sessions.signIn(request.message(), request.signature());
    }

    @PostMapping("/auth/refresh")
    Sessions.Session refresh(@Valid @RequestBody RefreshRequest request) {
        return sessions.refresh(request.refreshToken());
    }

    @PostMapping("/auth/sign-out")
    ResponseEntity<Void> signOut(@Valid @RequestBody RefreshRequest request) {
        sessions.signOut(request.refreshToken());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/auth/api-key-token")
    Sessions.ProgramToken apiKeyToken(@Valid @RequestBody ApiKeyRequest request) {
        return sessions.forApiKey(request.apiKey());
    }

    /** The public halves of the signing keys in use (RFC 7517). */
    @GetMapping(value = "/.well-known/jwks.json", produces = "application/jwk-set+json")
    ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofMinutes(1)).cachePublic())
                .body(keys.published().toPublicJWKSet().toJSONObject());
    }

    /**
     * Sessions and API keys revoked whose access tokens have not all expired, for the gateway to
     * refuse them (#13 L3). Served to the internal network only: the gateway answers
     * {@code /api/<service>/internal/**} with 404.
     */
    @GetMapping("/internal/token-revocations")
    ResponseEntity<TokenRevocations.Current> tokenRevocations() {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(revocations.current());
    }

    /** Replaces the signing key now (after a suspected leak); tokens already issued stay valid until they expire. */
    @PostMapping("/signing-keys/rotation")
    @PreAuthorize("hasRole('OPERATOR')")
    Map<String, String> rotate() {
        return Map.of("kid", keys.rotateNow());
    }
}
