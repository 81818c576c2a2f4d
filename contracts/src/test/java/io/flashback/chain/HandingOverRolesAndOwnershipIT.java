package io.flashback.chain;

import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.flashback.chain.ChainFixtures.assertReverts;
import static io.flashback.chain.TestChain.CONSUMER;
import static io.flashback.chain.TestChain.GOVERNANCE;
import static io.flashback.chain.TestChain.STRANGER;
import static io.flashback.chain.web3j.contracts.BridgeNodeRegistry.getRoleRevokedEvents;
import static io.flashback.chain.web3j.contracts.FlashToken.getOwnershipTransferredEvents;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inherited OpenZeppelin governance functions: AccessControl's revokeRole / renounceRole (registry,
 * hub, escrow) and Ownable's transferOwnership / renounceOwnership (tokens, price feed). Each of them
 * encodes the same in every contract, so one wrapper encodes the call and it is sent to each address.
 */
class HandingOverRolesAndOwnershipIT {

    private static final byte[] ADMIN = new byte[32];
    private static final byte[] ESCROW_ROLE = Hash.sha3("ESCROW_ROLE".getBytes(StandardCharsets.UTF_8));

    private final ChainFixtures f = new ChainFixtures();

    private String account(int index) {
        return f.chain.address(index).value();
    }

    private boolean hasRole(Address contract, byte[] role, String account) {
        return Numeric.toBigInt(f.call(contract, f.registryCalls().hasRole(role, account).encodeFunctionCall())).signum() != 0;
    }

    private Address owner(Address contract) {
        String word = f.call(contract, f.erc20(contract).owner().encodeFunctionCall());
        return Address.of(Numeric.toHexStringWithPrefixZeroPadded(Numeric.toBigInt(word), 40));
    }

    @Test
    void theAdminRevokesARoleAndOnlyItsHolderRenouncesIt() {
        var calls = f.registryCalls();
        Address registry = f.book.registry();
        String holder = account(STRANGER);
        f.send(GOVERNANCE, registry, calls.grantRole(ESCROW_ROLE, holder).encodeFunctionCall());

        assertReverts(() -> f.send(CONSUMER, registry, calls.grantRole(ESCROW_ROLE, account(CONSUMER)).encodeFunctionCall()),
                "AccessControlUnauthorizedAccount");
        assertReverts(() -> f.send(CONSUMER, registry, calls.revokeRole(ESCROW_ROLE, holder).encodeFunctionCall()),
                "AccessControlUnauthorizedAccount");
        assertReverts(() -> f.send(CONSUMER, registry, calls.renounceRole(ESCROW_ROLE, holder).encodeFunctionCall()),
                "AccessControlBadConfirmation");
        assertThat(hasRole(registry, ESCROW_ROLE, holder)).isTrue();

        var revoked = f.send(GOVERNANCE, registry, calls.revokeRole(ESCROW_ROLE, holder).encodeFunctionCall());
        assertThat(getRoleRevokedEvents(revoked)).singleElement().satisfies(e -> {
            assertThat(e.account).isEqualToIgnoringCase(holder);
            assertThat(e.sender).isEqualToIgnoringCase(account(GOVERNANCE));
        });
        assertThat(hasRole(registry, ESCROW_ROLE, holder)).isFalse();
        assertReverts(() -> f.send(STRANGER, registry, calls.unlockCollateral(new byte[32], BigInteger.ZERO).encodeFunctionCall()),
                "AccessControlUnauthorizedAccount");

        f.send(GOVERNANCE, registry, calls.grantRole(ESCROW_ROLE, holder).encodeFunctionCall());
        var renounced = f.send(STRANGER, registry, calls.renounceRole(ESCROW_ROLE, holder).encodeFunctionCall());
        assertThat(getRoleRevokedEvents(renounced)).singleElement().satisfies(e -> assertThat(e.sender).isEqualToIgnoringCase(holder));
        assertThat(hasRole(registry, ESCROW_ROLE, holder)).isFalse();
        assertThat(hasRole(registry, ESCROW_ROLE, f.book.escrow().value())).isTrue();
    }

    @Test
    void governanceMovesToAnotherAccountThatIsGrantedTheAdminRoleBeforeTheOldOneRenounces() {
        var roles = f.registryCalls();
        Map<Address, String> adminOnly = new LinkedHashMap<>();
        adminOnly.put(f.book.registry(), roles.setUnbondingPeriod(BigInteger.valueOf(Duration.ofDays(7).toSeconds())).encodeFunctionCall());
        adminOnly.put(f.book.oracleHub(), f.hubCalls().setValidators(TestChain.validatorAddresses().stream().map(Address::value).toList(),
                BigInteger.TWO).encodeFunctionCall());
        adminOnly.put(f.book.escrow(), f.escrowCalls().setSettlementGrace(BigInteger.valueOf(3)).encodeFunctionCall());
        String governance = account(GOVERNANCE);
        String successor = account(STRANGER);

        adminOnly.forEach((contract, call) -> {
            f.send(GOVERNANCE, contract, roles.grantRole(ADMIN, successor).encodeFunctionCall());
            assertReverts(() -> f.send(CONSUMER, contract, roles.revokeRole(ADMIN, governance).encodeFunctionCall()),
                    "AccessControlUnauthorizedAccount");
            assertReverts(() -> f.send(CONSUMER, contract, roles.renounceRole(ADMIN, governance).encodeFunctionCall()),
                    "AccessControlBadConfirmation");

            f.send(GOVERNANCE, contract, roles.renounceRole(ADMIN, governance).encodeFunctionCall());

            assertThat(hasRole(contract, ADMIN, governance)).as("old governance of %s", contract).isFalse();
            assertReverts(() -> f.send(GOVERNANCE, contract, call), "AccessControlUnauthorizedAccount");
            f.send(STRANGER, contract, call);
        });
    }

    @Test
    void onlyTheOwnerTransfersOrRenouncesOwnership() {
        var ownable = f.erc20(f.book.stakingToken());
        String next = account(STRANGER);
        for (Address owned : List.of(f.book.stakingToken(), f.book.paymentToken(), f.book.priceFeed())) {
            assertReverts(() -> f.send(STRANGER, owned, ownable.transferOwnership(next).encodeFunctionCall()), "OwnableUnauthorizedAccount");
            assertReverts(() -> f.send(STRANGER, owned, ownable.renounceOwnership().encodeFunctionCall()), "OwnableUnauthorizedAccount");
            assertReverts(() -> f.send(GOVERNANCE, owned, ownable.transferOwnership(Address.ZERO.value()).encodeFunctionCall()),
                    "OwnableInvalidOwner");

            var transferred = f.send(GOVERNANCE, owned, ownable.transferOwnership(next).encodeFunctionCall());

            assertThat(getOwnershipTransferredEvents(transferred)).singleElement().satisfies(e -> {
                assertThat(e.previousOwner).isEqualToIgnoringCase(account(GOVERNANCE));
                assertThat(e.newOwner).isEqualToIgnoringCase(next);
            });
            assertThat(owner(owned)).isEqualTo(f.chain.address(STRANGER));
            assertReverts(() -> f.send(GOVERNANCE, owned, ownable.renounceOwnership().encodeFunctionCall()), "OwnableUnauthorizedAccount");

            f.send(STRANGER, owned, ownable.renounceOwnership().encodeFunctionCall());

            assertThat(owner(owned)).isEqualTo(Address.ZERO);
        }
        assertReverts(() -> f.send(STRANGER, f.book.stakingToken(), ownable.mint(next, BigInteger.ONE).encodeFunctionCall()),
                "OwnableUnauthorizedAccount");
    }
}
