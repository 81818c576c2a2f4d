package io.flashback.registry.auth;

import io.flashback.registry.account.AccountDirectory;
import io.flashback.registry.account.Role;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** The roles a wallet's tokens carry: one per account it registered, plus OPERATOR for configured operator wallets. */
class WalletRoles {

    record Grant(Set<String> roles, Map<String, String> accounts) {
    }

    private final AccountDirectory accounts;
    private final Set<String> operators;

    WalletRoles(AccountDirectory accounts, Iterable<String> operatorWallets) {
        this.accounts = accounts;
        Set<String> normalized = new LinkedHashSet<>();
        operatorWallets.forEach(wallet -> normalized.add(wallet.toLowerCase(Locale.ROOT)));
        this.operators = Set.copyOf(normalized);
    }

    Grant of(String wallet) {
        Map<Role, UUID> registered = accounts.accountsOf(wallet);
        Set<String> roles = registered.keySet().stream().map(Role::name).collect(Collectors.toCollection(LinkedHashSet::new));
        if (operators.contains(wallet.toLowerCase(Locale.ROOT))) {
            roles.add(Role.OPERATOR.name());
        }
        Map<String, String> ids = new LinkedHashMap<>();
        registered.forEach((role, id) -> ids.put(role.name(), id.toString()));
        return new Grant(roles, ids);
    }
}
