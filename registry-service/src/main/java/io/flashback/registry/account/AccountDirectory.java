package io.flashback.registry.account;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Which accounts (one per role) a wallet has; what sign-in puts into a token. */
@Component
public class AccountDirectory {

    private final Accounts accounts;

    AccountDirectory(Accounts accounts) {
        this.accounts = accounts;
    }

    @Transactional(readOnly = true)
    public Map<Role, UUID> accountsOf(String wallet) {
        Map<Role, UUID> byRole = new LinkedHashMap<>();
        accounts.findByWalletOrderByRegisteredAt(wallet.toLowerCase(Locale.ROOT)).forEach(account -> byRole.put(account.role(), account.id()));
        return byRole;
    }
}
