package io.flashback.registry.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "account")
class Account {

    @Id
    private UUID id;

    @Column(nullable = false, length = 42)
    private String wallet;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private Role role;

    @Column(name = "display_name", nullable = false, length = 100)
    private String displayName;

    @Column(name = "registered_at", nullable = false)
    private Instant registeredAt;

    protected Account() {
    }

    Account(UUID id, String wallet, Role role, String displayName, Instant registeredAt) {
        this.id = id;
        this.wallet = wallet;
        this.role = role;
        this.displayName = displayName;
        this.registeredAt = registeredAt;
    }

    UUID id() {
        return id;
    }

    String wallet() {
        return wallet;
    }

    Role role() {
        return role;
    }

    String displayName() {
        return displayName;
    }

    Instant registeredAt() {
        return registeredAt;
    }
}
