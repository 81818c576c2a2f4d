package io.flashback.registry.account;

import io.flashback.events.outbox.Outbox;
import io.flashback.events.registry.AccountRegistered;
import io.flashback.registry.Rejection;
import io.flashback.security.Identity;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Registers an account and announces it to the other services through the outbox. A wallet
 * registers itself as consumer or provider; validator and operator accounts are registered by an
 * operator.
 */
@Service
class RegisterAccount {

    private static final Set<Role> SELF_SERVICE = Set.of(Role.CONSUMER, Role.PROVIDER);

    private final Accounts accounts;
    private final Outbox outbox;
    private final Clock clock;

    RegisterAccount(Accounts accounts, Outbox outbox, Clock clock) {
        this.accounts = accounts;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    Account register(Identity caller, String wallet, Role role, Profile profile) {
        String normalized = wallet.toLowerCase(Locale.ROOT);
        boolean operator = caller.hasRole("OPERATOR");
        if (!operator && !normalized.equals(caller.subject())) {
            throw new Rejection(Rejection.Kind.FORBIDDEN, "Not your wallet",
                    "you are signed in as " + caller.subject() + " and can register accounts only for that wallet");
        }
        if (!operator && !SELF_SERVICE.contains(role)) {
            throw new Rejection(Rejection.Kind.FORBIDDEN, "Role needs an operator", role + " accounts are registered by an operator");
        }
        if (accounts.existsByWalletAndRole(normalized, role)) {
            throw new Rejection(Rejection.Kind.CONFLICT, "Account already registered", "wallet " + normalized + " already has a " + role + " account");
        }
        Instant now = clock.instant();
        Account unsaved = new Account(UUID.randomUUID(), normalized, role, profile, now);
        if (role == Role.CONSUMER && normalized.equals(caller.subject())) {
            unsaved.certify(ConsumerCertification.WALLET_VERIFIED, null); // the wallet signed in itself to register
        }
        Account account = accounts.save(unsaved);
        outbox.publish(new AccountRegistered(UUID.randomUUID(), now, account.id(), account.wallet(), role.name(), account.displayName()));
        return account;
    }

    @Transactional
    Account changeProfile(Identity caller, UUID id, Profile profile) {
        Account account = accounts.findById(id)
                .filter(found -> found.wallet().equals(caller.subject()) || caller.hasRole("OPERATOR"))
                .orElseThrow(() -> new Rejection(Rejection.Kind.NOT_FOUND, "No such account", "no account " + id + " of yours"));
        account.change(profile);
        return account;
    }
}
