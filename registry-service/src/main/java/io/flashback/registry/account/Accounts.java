package io.flashback.registry.account;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.UUID;

interface Accounts extends JpaRepository<Account, UUID> {

    boolean existsByWalletAndRole(String wallet, Role role);

    List<Account> findByWalletOrderByRegisteredAt(String wallet);
}
