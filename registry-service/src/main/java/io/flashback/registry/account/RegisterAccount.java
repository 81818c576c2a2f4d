package io.flashback.registry.account;

import io.flashback.events.outbox.Outbox;
import io.flashback.events.registry.AccountRegistered;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/** Registers an account and announces it to the other services through the outbox. */
@Service
class RegisterAccount {

    private final Accounts accounts;
    private final Outbox outbox;
    private final Clock clock;

    RegisterAccount(Accounts accounts, Outbox outbox, Clock clock) {
        this.accounts = accounts;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    Account register(String wallet, Role role, String displayName) {
        String normalized = wallet.toLowerCase(Locale.ROOT);
        if (accounts.existsByWalletAndRole(normalized, role)) {
            throw new AccountAlreadyRegistered(normalized, role);
        }
        Instant now = clock.instant();
        Account account = accounts.save(new Account(UUID.randomUUID(), normalized, role, displayName.strip(), now));
        outbox.publish(new AccountRegistered(UUID.randomUUID(), now, account.id(), account.wallet(), role.name(), account.displayName()));
        return account;
    }
}
