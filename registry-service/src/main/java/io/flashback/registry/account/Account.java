package io.flashback.registry.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * One role of one wallet on the platform, with its public profile. Certification and reputation
 * are filled later (by certification runs and by the monitor's scores) and are null until then.
 */
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

    @Column(length = 200)
    private String organisation;

    @Column(length = 200)
    private String contact;

    @Column(name = "certification_status", length = 30)
    private String certificationStatus;

    @Column(name = "certified_until")
    private Instant certifiedUntil;

    @Column(precision = 5, scale = 2)
    private BigDecimal reputation;

    @Column(name = "reputation_updated_at")
    private Instant reputationUpdatedAt;

    @Column(name = "registered_at", nullable = false)
    private Instant registeredAt;

    protected Account() {
    }

    Account(UUID id, String wallet, Role role, Profile profile, Instant registeredAt) {
        this.id = id;
        this.wallet = wallet;
        this.role = role;
        this.registeredAt = registeredAt;
        change(profile);
    }

    void change(Profile profile) {
        this.displayName = profile.displayName();
        this.organisation = profile.organisation();
        this.contact = profile.contact();
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

    Profile profile() {
        return new Profile(displayName, organisation, contact);
    }

    String certificationStatus() {
        return certificationStatus;
    }

    Instant certifiedUntil() {
        return certifiedUntil;
    }

    BigDecimal reputation() {
        return reputation;
    }

    Instant reputationUpdatedAt() {
        return reputationUpdatedAt;
    }

    Instant registeredAt() {
        return registeredAt;
    }
}
