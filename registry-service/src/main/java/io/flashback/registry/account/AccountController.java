package io.flashback.registry.account;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

@RestController
@RequestMapping("/accounts")
class AccountController {

    record RegisterAccountRequest(@NotNull @Pattern(regexp = "0x[0-9a-fA-F]{40}", message = "must be a 0x-prefixed 20-byte hex address") String wallet,
                                  @NotNull Role role,
                                  @NotBlank @Size(max = 100) String displayName) {
    }

    record AccountView(UUID id, String wallet, Role role, String displayName, Instant registeredAt) {

        static AccountView of(Account account) {
            return new AccountView(account.id(), account.wallet(), account.role(), account.displayName(), account.registeredAt());
        }
    }

    private final RegisterAccount registerAccount;
    private final Accounts accounts;

    AccountController(RegisterAccount registerAccount, Accounts accounts) {
        this.registerAccount = registerAccount;
        this.accounts = accounts;
    }

    @PostMapping
    ResponseEntity<AccountView> register(@Valid @RequestBody RegisterAccountRequest request) {
        Account account = registerAccount.register(request.wallet(), request.role(), request.displayName());
        return ResponseEntity.created(URI.create("/accounts/" + account.id())).body(AccountView.of(account));
    }

    @GetMapping("/{id}")
    ResponseEntity<AccountView> find(@PathVariable UUID id) {
        return accounts.findById(id).map(AccountView::of).map(ResponseEntity::ok).orElse(ResponseEntity.notFound().build());
    }

    @ExceptionHandler(AccountAlreadyRegistered.class)
    ProblemDetail alreadyRegistered(AccountAlreadyRegistered e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Account already registered");
        return problem;
    }
}
