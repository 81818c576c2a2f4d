package io.flashback.registry.account;

/** What an account does on the platform (ARCHITECTURE.md §4); NODE identities are bridge nodes, not accounts. */
public enum Role {
    CONSUMER, PROVIDER, OPERATOR, VALIDATOR
}
