package io.flashback.marketplace.account;

import io.flashback.security.Identity;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What the marketplace knows of the platform's accounts (its read model of registry-service), for
 * signed-in callers only and only what each may see (#13 L4): an account sees itself, an operator
 * sees every account, a provider sees the display name (not the wallet) of a consumer that asked it
 * for an agreement. Anything else is answered 404, as if the account did not exist, so that
 * account ids cannot be probed.
 */
@RestController
@RequestMapping("/known-accounts")
class KnownAccountController {

    private final KnownAccounts accounts;

    KnownAccountController(KnownAccounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/{id}")
    ResponseEntity<KnownAccounts.KnownAccount> find(@PathVariable UUID id, Authentication authentication) {
        Identity caller = Identity.of(authentication);
        return accounts.find(id).flatMap(account -> visibleTo(caller, account)).map(ResponseEntity::ok)
                .orElse(ResponseEntity.notFound().build());
    }

    /** Accounts registered per role: how big the platform is, for operators. */
    @GetMapping("/tally")
    @PreAuthorize("hasRole('OPERATOR')")
    Map<String, Long> tally() {
        return accounts.tally();
    }

    private Optional<KnownAccounts.KnownAccount> visibleTo(Identity caller, KnownAccounts.KnownAccount account) {
        if (caller.hasRole("OPERATOR") || caller.subject().equalsIgnoreCase(account.wallet())
                || caller.accounts().containsValue(account.accountId().toString())) {
            return Optional.of(account);
        }
        String provider = caller.hasRole("PROVIDER") ? caller.accounts().get("PROVIDER") : null;
        if (provider != null && "CONSUMER".equals(account.role()) && accounts.dealtWith(UUID.fromString(provider), account.accountId())) {
            return Optional.of(account.withoutWallet());
        }
        return Optional.empty();
    }
}
