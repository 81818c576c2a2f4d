package io.flashback.registry.account;

import io.flashback.security.Identity;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Accounts of the signed-in wallet: register one per role, read them, change their profile. */
@RestController
@RequestMapping("/accounts")
class AccountController {

    record RegisterAccountRequest(@NotNull @Pattern(regexp = "0x[0-9a-fA-F]{40}", message = "must be a 0x-prefixed 20-byte hex address") String wallet,
                                  @NotNull Role role,
                                  @NotBlank @Size(max = 100) String displayName,
                                  @Size(max = 200) String organisation,
                                  @Size(max = 200) @Email String contact) {
    }

    record ProfileRequest(@NotBlank @Size(max = 100) String displayName,
                          @Size(max = 200) String organisation,
                          @Size(max = 200) @Email String contact) {
    }

    record AccountView(UUID id, String wallet, Role role, String displayName, String organisation, String contact,
                       String certificationStatus, Instant certifiedUntil, BigDecimal reputation, Instant reputationUpdatedAt,
                       Instant registeredAt) {

        static AccountView of(Account account, Instant now) {
            Profile profile = account.profile();
            String certification = account.certificationStatus(now);
            return new AccountView(account.id(), account.wallet(), account.role(), profile.displayName(), profile.organisation(),
                    profile.contact(), certification, certification == null || certification.equals(account.certificationStatus())
                    ? account.certifiedUntil() : null, account.reputation(),
                    account.reputationUpdatedAt(), account.registeredAt());
        }
    }

    private final RegisterAccount registerAccount;
    private final Accounts accounts;
    private final Clock clock;

    AccountController(RegisterAccount registerAccount, Accounts accounts, Clock clock) {
        this.registerAccount = registerAccount;
        this.accounts = accounts;
        this.clock = clock;
    }

    @PostMapping
    ResponseEntity<AccountView> register(@Valid @RequestBody RegisterAccountRequest request, Authentication authentication) {
        Account account = registerAccount.register(Identity.of(authentication), request.wallet(), request.role(),
                new Profile(request.displayName(), request.organisation(), request.contact()));
        return ResponseEntity.created(URI.create("/accounts/" + account.id())).body(AccountView.of(account, clock.instant()));
    }

    /** The caller's own accounts (one per role). */
    @GetMapping("/me")
    List<AccountView> mine(Authentication authentication) {
        return accounts.findByWalletOrderByRegisteredAt(Identity.of(authentication).subject()).stream().map(account -> AccountView.of(account, clock.instant())).toList();
    }

    /** An account, for its owner or an operator; anybody else is told it does not exist. */
    @GetMapping("/{id}")
    ResponseEntity<AccountView> find(@PathVariable UUID id, Authentication authentication) {
        Identity caller = Identity.of(authentication);
        return accounts.findById(id)
                .filter(account -> account.wallet().equals(caller.subject()) || caller.hasRole("OPERATOR"))
                .map(account -> AccountView.of(account, clock.instant())).map(ResponseEntity::ok).orElse(ResponseEntity.notFound().build());
    }

    @PutMapping("/{id}/profile")
    AccountView changeProfile(@PathVariable UUID id, @Valid @RequestBody ProfileRequest request, Authentication authentication) {
        return AccountView.of(registerAccount.changeProfile(Identity.of(authentication), id,
                new Profile(request.displayName(), request.organisation(), request.contact())), clock.instant());
    }
}
