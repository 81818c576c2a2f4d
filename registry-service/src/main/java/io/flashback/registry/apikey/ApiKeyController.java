package io.flashback.registry.apikey;

import io.flashback.registry.Rejection;
import io.flashback.registry.revocation.TokenRevocations;
import io.flashback.registry.identity.Secrets;
import io.flashback.security.FlashbackClaims;
import io.flashback.security.Identity;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * API keys for programs, managed by their owner: created (the key is shown once, only its SHA-256
 * is kept), listed without secrets, revoked. Managing keys needs the {@code admin} scope, which
 * wallet sessions have and API-key tokens only when their key was given it.
 */
@RestController
@RequestMapping("/api-keys")
class ApiKeyController {

    private static final Set<String> SCOPES = Set.of(FlashbackClaims.READ, FlashbackClaims.WRITE, FlashbackClaims.ADMIN);

    record CreateRequest(@NotBlank @Size(max = 100) String name, @NotEmpty Set<String> scopes) {
    }

    record Created(String id, String name, List<String> scopes, Instant createdAt, String apiKey) {
    }

    record KeyView(String id, String name, List<String> scopes, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {
    }

    private final JdbcClient jdbc;
    private final TokenRevocations revocations;
    private final Clock clock;

    ApiKeyController(JdbcClient jdbc, TokenRevocations revocations, Clock clock) {
        this.jdbc = jdbc;
        this.revocations = revocations;
        this.clock = clock;
    }

    @PostMapping
    @Transactional
    ResponseEntity<Created> create(@Valid @RequestBody CreateRequest request, Authentication authentication) {
        Identity caller = admin(authentication);
        if (!SCOPES.containsAll(request.scopes())) {
            throw new Rejection(Rejection.Kind.INVALID, "Unknown scope", "scopes are read, write and admin; got " + request.scopes());
        }
        List<String> scopes = List.copyOf(new TreeSet<>(request.scopes()));
        String id = "fbk_" + Secrets.alphanumeric(16);
        String secret = Secrets.token(32);
        Instant now = clock.instant();
        jdbc.sql("insert into api_key (id, owner_wallet, name, secret_hash, scopes, created_at) values (?, ?, ?, ?, ?, ?)")
                .params(id, caller.subject(), request.name().strip(), Secrets.sha256(secret), String.join(" ", scopes), Timestamp.from(now))
                .update();
        return ResponseEntity.created(URI.create("/api-keys/" + id)).body(new Created(id, request.name().strip(), scopes, now, id + "." + secret));
    }

    @GetMapping
    List<KeyView> list(Authentication authentication) {
        return jdbc.sql("select id, name, scopes, created_at, last_used_at, revoked_at from api_key where owner_wallet = ? order by created_at")
                .param(Identity.of(authentication).subject())
                .query((rs, n) -> new KeyView(rs.getString(1), rs.getString(2), List.of(rs.getString(3).split(" ")),
                        rs.getTimestamp(4).toInstant(), instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6))))
                .list();
    }

    /** Revokes one of the caller's keys; a key of somebody else is answered as not found. */
    @DeleteMapping("/{id}")
    @Transactional
    ResponseEntity<Void> revoke(@PathVariable String id, Authentication authentication) {
        Identity caller = admin(authentication);
        int changed = jdbc.sql("update api_key set revoked_at = coalesce(revoked_at, ?) where id = ? and owner_wallet = ?")
                .params(Timestamp.from(clock.instant()), id, caller.subject()).update();
        if (changed == 0) {
            throw new Rejection(Rejection.Kind.NOT_FOUND, "No such API key", "you have no API key " + id);
        }
        // tokens already exchanged for the key are refused by the gateway within seconds, not at their expiry (#13 L3)
        revocations.revokeApiKey(id);
        return ResponseEntity.noContent().build();
    }

    private static Identity admin(Authentication authentication) {
        Identity caller = Identity.of(authentication);
        if (!caller.hasScope(FlashbackClaims.ADMIN)) {
            throw new Rejection(Rejection.Kind.FORBIDDEN, "Admin scope needed", "managing API keys needs a token with the admin scope");
        }
        return caller;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
