package io.flashback.marketplace.account;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;
import java.util.UUID;

/** What the marketplace knows of the platform's accounts (its read model of registry-service). */
@RestController
@RequestMapping("/known-accounts")
class KnownAccountController {

    private final KnownAccounts accounts;

    KnownAccountController(KnownAccounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/{id}")
    ResponseEntity<KnownAccounts.KnownAccount> find(@PathVariable UUID id) {
        return accounts.find(id).map(ResponseEntity::ok).orElse(ResponseEntity.notFound().build());
    }

    @GetMapping("/tally")
    Map<String, Long> tally() {
        return accounts.tally();
    }
}
