package io.flashback.registry.account;

class AccountAlreadyRegistered extends RuntimeException {

    AccountAlreadyRegistered(String wallet, Role role) {
        super("wallet " + wallet + " already has a " + role + " account");
    }
}
