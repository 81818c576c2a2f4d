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

    /**
     * A consumer's certification: {@code WALLET_VERIFIED} when the wallet registered its account itself (it proved
     * control with Sign-In with Ethereum); {@code PAYMENT_VERIFIED} until {@code until} once it has paid an agreement
     * (in crypto or through a payment provider). A lapsed payment verification falls back to the wallet's.
     */
    void certify(String status, Instant until) {
        this.certificationStatus = status;
        this.certifiedUntil = until;
    }

    /** The certification in force at {@code now}: a lapsed {@code PAYMENT_VERIFIED} reads as {@code WALLET_VERIFIED}. */
    String certificationStatus(Instant now) {
        if (ConsumerCertification.PAYMENT_VERIFIED.equals(certificationStatus) && certifiedUntil != null && !certifiedUntil.isAfter(now)) {
            return ConsumerCertification.WALLET_VERIFIED;
        }
        return certificationStatus;
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
