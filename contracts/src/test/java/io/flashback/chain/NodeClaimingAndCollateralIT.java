package io.flashback.chain;

import io.flashback.chain.eip712.Eip712Domain;
import io.flashback.chain.eip712.NodeClaims;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.flashback.chain.ChainFixtures.COLLATERAL;
import static io.flashback.chain.ChainFixtures.abi;
import static io.flashback.chain.ChainFixtures.addressOf;
import static io.flashback.chain.ChainFixtures.assertReverts;
import static io.flashback.chain.ChainFixtures.newNodeKey;
import static io.flashback.chain.TestChain.GOVERNANCE;
import static io.flashback.chain.TestChain.OTHER_PROVIDER;
import static io.flashback.chain.TestChain.PROVIDER;
import static io.flashback.chain.TestChain.STRANGER;
import static io.flashback.chain.web3j.contracts.BridgeNodeRegistry.getCollateralSlashedEvents;
import static io.flashback.chain.web3j.contracts.BridgeNodeRegistry.getCollateralWithdrawnEvents;
import static io.flashback.chain.web3j.contracts.BridgeNodeRegistry.getWithdrawalRequestedEvents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** BridgeNodeRegistry: claims signed by the node key, collateral, unbonding, and the escrow-only powers. */
class NodeClaimingAndCollateralIT {

    private static ChainFixtures f;

    @BeforeAll
    static void deploy() {
        f = new ChainFixtures();
    }

    @Test
    void aProviderClaimsANodeWithTheNodesSignature() throws Exception {
        ECKeyPair key = newNodeKey();
        NodeId node = NodeClaims.nodeIdOf(addressOf(key));
        SignedNodeClaim claim = f.signedClaim(node, key, PROVIDER);

        assertThat(f.registry(PROVIDER).claimNode(claim)).isInstanceOf(TxOutcome.Mined.class);

        BridgeNode bound = f.registry(PROVIDER).node(node).orElseThrow();
        assertThat(bound.provider()).isEqualTo(f.chain.address(PROVIDER));
        assertThat(bound.nodeAddress()).isEqualTo(addressOf(key));
        assertThat(f.registry(PROVIDER).claimNonce(addressOf(key))).isEqualTo(BigInteger.ONE);
        assertThat(Bytes32.of(f.registryCalls().nodeIdOf(addressOf(key).value()).send())).isEqualTo(node.value());
        assertThat(f.registry(PROVIDER).claimNode(claim)).isInstanceOf(TxOutcome.AlreadyApplied.class);
    }

    @Test // #13 M5
    void aFrontRunnerCannotBindAnotherNodesIdToItsOwnKey() throws Exception {
        ECKeyPair nodeKey = newNodeKey();
        NodeId platformId = NodeClaims.nodeIdOf(addressOf(nodeKey)); // the id the registry service gave the node
        ECKeyPair attackerKey = newNodeKey();
        SignedNodeClaim attack = f.signedClaim(platformId, attackerKey, STRANGER); // validly signed, by the attacker's own key

        assertReverts(() -> f.registry(STRANGER).claimNode(attack), "NodeIdNotOfNodeKey");

        assertThat(f.registry(PROVIDER).claimNode(f.signedClaim(nodeKey, PROVIDER))).isInstanceOf(TxOutcome.Mined.class);
        BridgeNode bound = f.registry(PROVIDER).node(platformId).orElseThrow();
        assertThat(bound.provider()).isEqualTo(f.chain.address(PROVIDER));
        assertThat(bound.nodeAddress()).isEqualTo(addressOf(nodeKey));
        assertThat(f.registryCalls().nodeIdOf(addressOf(attackerKey).value()).send()).isEqualTo(new byte[32]);
    }

    @Test
    void theJavaNodeIdOfAKeyIsTheContractsNodeId() throws Exception {
        Address nodeAddress = addressOf(newNodeKey());
        assertThat(Bytes32.of(f.registryCalls().nodeIdFor(nodeAddress.value()).send())).isEqualTo(NodeClaims.nodeIdOf(nodeAddress).value());
        UUID uuid = NodeClaims.nodeUuidOf(nodeAddress);
        assertThat(uuid.version()).isEqualTo(8);
        assertThat(uuid.variant()).isEqualTo(2);
    }

    @Test
    void theJavaDigestIsTheContractsDigest() throws Exception {
        NodeClaim claim = new NodeClaim(NodeId.of(UUID.randomUUID()), addressOf(newNodeKey()), f.chain.address(PROVIDER),
                BigInteger.valueOf(7), Instant.ofEpochSecond(1_900_000_000L));
        byte[] onChain = f.registryCalls().claimDigest(claim.nodeId().value().bytes(), claim.provider().value(), claim.nonce(),
                BigInteger.valueOf(claim.deadline().getEpochSecond())).send();
        assertThat(NodeClaims.digest(claim, f.registryDomain())).isEqualTo(Bytes32.of(onChain));
        assertThat(f.registryDomain().separator()).isEqualTo(Bytes32.of(f.registryCalls().domainSeparator().send()));
    }

    @Test
    void aClaimCannotBeUsedByAnotherWallet() {
        SignedNodeClaim forProvider = f.signedClaim(newNodeKey(), PROVIDER);
        assertReverts(() -> f.registry(STRANGER).claimNode(forProvider), "InvalidNodeSignature");
    }

    @Test
    void aClaimSignedForAnotherChainOrContractIsRejected() {
        ECKeyPair key = newNodeKey();
        NodeId node = NodeClaims.nodeIdOf(addressOf(key));
        NodeClaim claim = new NodeClaim(node, addressOf(key), f.chain.address(PROVIDER), BigInteger.ZERO,
                Instant.ofEpochSecond(f.chain.timestamp() + 3600));
        Eip712Domain otherChain = Eip712Domain.bridgeNodeRegistry(1, f.book.registry());
        Eip712Domain otherContract = Eip712Domain.bridgeNodeRegistry(f.book.chainId(), f.book.escrow());

        assertReverts(() -> f.registry(PROVIDER).claimNode(NodeClaims.sign(claim, otherChain, key)), "InvalidNodeSignature");
        assertReverts(() -> f.registry(PROVIDER).claimNode(NodeClaims.sign(claim, otherContract, key)), "InvalidNodeSignature");
    }

    @Test
    void anExpiredClaimIsRejected() {
        ECKeyPair key = newNodeKey();
        NodeClaim claim = new NodeClaim(NodeClaims.nodeIdOf(addressOf(key)), addressOf(key), f.chain.address(PROVIDER), BigInteger.ZERO,
                Instant.ofEpochSecond(f.chain.timestamp() - 1));
        assertReverts(() -> f.registry(PROVIDER).claimNode(NodeClaims.sign(claim, f.registryDomain(), key)), "ClaimExpired");
    }

    @Test
    void aClaimWhoseNonceWasUsedCannotBeReplayed() {
        ECKeyPair key = newNodeKey();
        SignedNodeClaim forOther = f.signedClaim(key, OTHER_PROVIDER);        // nonce 0, never submitted
        SignedNodeClaim used = f.signedClaim(key, PROVIDER);                  // nonce 0 too
        f.registry(PROVIDER).claimNode(used);

        // the node's one id is bound now: an older claim of the same key, for any wallet, finds it taken
        assertReverts(() -> f.registry(OTHER_PROVIDER).claimNode(forOther), "NodeAlreadyClaimed");
        assertThat(f.registry(PROVIDER).claimNonce(addressOf(key))).isEqualTo(BigInteger.ONE);
    }

    @Test
    void aNodeAddressServesOneNodeId() {
        ECKeyPair key = newNodeKey();
        f.registry(PROVIDER).claimNode(f.signedClaim(key, PROVIDER));
        SignedNodeClaim second = f.signedClaim(NodeId.of(UUID.randomUUID()), key, PROVIDER); // fresh nonce 1
        assertReverts(() -> f.registry(PROVIDER).claimNode(second), "NodeIdNotOfNodeKey");
    }

    @Test
    void aNodeIdIsClaimedOnce() {
        ECKeyPair key = newNodeKey();
        f.registry(PROVIDER).claimNode(f.signedClaim(key, PROVIDER));
        SignedNodeClaim again = f.signedClaim(key, OTHER_PROVIDER); // the node signs for another wallet (fresh nonce 1)
        assertReverts(() -> f.registry(OTHER_PROVIDER).claimNode(again), "NodeAlreadyClaimed");
    }

    @Test
    void theZeroAddressCannotBeANode() {
        String data = f.registryCalls().claimNode(NodeId.of(UUID.randomUUID()).value().bytes(), Address.ZERO.value(), BigInteger.ZERO,
                BigInteger.valueOf(f.chain.timestamp() + 3600), new byte[65]).encodeFunctionCall();
        assertReverts(() -> f.send(PROVIDER, f.book.registry(), data), "ZeroNodeAddress");
    }

    @Test
    void theProviderDepositsCollateralInTheStakingToken() {
        NodeId node = f.claimedNode(PROVIDER);
        BigInteger wallet = f.balance(f.book.stakingToken(), PROVIDER);

        f.registry(PROVIDER).depositCollateral(node, COLLATERAL, "deposit-1");
        f.registry(PROVIDER).depositCollateral(node, COLLATERAL, "deposit-1"); // a retry of the same deposit

        assertThat(f.registry(PROVIDER).node(node).orElseThrow().bonded()).isEqualTo(COLLATERAL);
        assertThat(f.balance(f.book.stakingToken(), PROVIDER)).isEqualTo(wallet.subtract(COLLATERAL));
        f.registry(PROVIDER).depositCollateral(node, COLLATERAL, "deposit-2");
        assertThat(f.registry(PROVIDER).node(node).orElseThrow().bonded()).isEqualTo(COLLATERAL.multiply(BigInteger.TWO));
    }

    @Test
    void onlyTheBoundProviderDeposits() {
        NodeId node = f.claimedNode(PROVIDER);
        assertReverts(() -> f.registry(OTHER_PROVIDER).depositCollateral(node, COLLATERAL, "x"), "NotNodeProvider");
        assertReverts(() -> f.registry(PROVIDER).depositCollateral(node, BigInteger.ZERO, "zero"), "ZeroAmount");
        assertReverts(() -> f.registry(PROVIDER).depositCollateral(NodeId.of(UUID.randomUUID()), COLLATERAL, "unknown"), "UnknownNode");
    }

    @Test
    void aDepositOfTwoToThe128OrMoreIsRefusedRatherThanTruncated() {
        NodeId node = f.claimedNode(OTHER_PROVIDER);
        BigInteger huge = BigInteger.TWO.pow(128).add(COLLATERAL);
        var stake = f.erc20(f.book.stakingToken());
        f.send(GOVERNANCE, f.book.stakingToken(), stake.mint(f.chain.address(OTHER_PROVIDER).value(), huge).encodeFunctionCall());
        f.send(OTHER_PROVIDER, f.book.stakingToken(), stake.approve(f.book.registry().value(), huge).encodeFunctionCall());
        BigInteger wallet = f.balance(f.book.stakingToken(), OTHER_PROVIDER);
        String deposit = f.registryCalls().depositCollateral(node.value().bytes(), huge).encodeFunctionCall();

        // a plain uint128 cast would bond 1 000 FLASH and keep all 2^128 + 1 000
        assertThatThrownBy(() -> f.send(OTHER_PROVIDER, f.book.registry(), deposit)).isInstanceOfSatisfying(ChainException.Reverted.class, e -> {
            assertThat(e.error()).isEqualTo("SafeCastOverflowedUintDowncast");
            assertThat(e.arguments()).containsExactly(BigInteger.valueOf(128), huge);
        });
        assertThat(f.registry(OTHER_PROVIDER).node(node).orElseThrow().bonded()).isZero();
        assertThat(f.balance(f.book.stakingToken(), OTHER_PROVIDER)).isEqualTo(wallet);
    }

    @Test
    void onlyTheBoundProviderUnbondsAndWithdraws() {
        NodeId node = f.nodeWithCollateral(PROVIDER, COLLATERAL);
        var calls = f.registryCalls();
        assertReverts(() -> f.send(OTHER_PROVIDER, f.book.registry(), calls.requestWithdrawal(node.value().bytes(), COLLATERAL)
                .encodeFunctionCall()), "NotNodeProvider");
        f.registry(PROVIDER).requestWithdrawal(node, COLLATERAL, "unbond-" + node);
        f.chain.increaseTime(Duration.ofDays(30));
        assertReverts(() -> f.send(OTHER_PROVIDER, f.book.registry(), calls.withdrawCollateral(node.value().bytes()).encodeFunctionCall()),
                "NotNodeProvider");
        assertThat(f.registry(PROVIDER).node(node).orElseThrow().unbonding()).isEqualTo(COLLATERAL);
    }

    @Test
    void collateralIsWithdrawnOnlyAfterTheUnbondingPeriod() {
        NodeId node = f.nodeWithCollateral(PROVIDER, COLLATERAL);
        BigInteger wallet = f.balance(f.book.stakingToken(), PROVIDER);
        var registry = f.registry(PROVIDER);

        assertThat(registry.withdrawCollateral(node)).isInstanceOf(TxOutcome.AlreadyApplied.class);
        String withdraw = f.registryCalls().withdrawCollateral(node.value().bytes()).encodeFunctionCall();
        assertReverts(() -> f.send(PROVIDER, f.book.registry(), withdraw), "NothingUnbonding");
        TxOutcome requested = registry.requestWithdrawal(node, COLLATERAL, "unbond-1");
        BridgeNode unbonding = registry.node(node).orElseThrow();
        assertThat(getWithdrawalRequestedEvents(f.receipt(requested))).singleElement().satisfies(e -> {
            assertThat(e.nodeId).isEqualTo(node.value().bytes());
            assertThat(e.amount).isEqualTo(COLLATERAL);
            assertThat(e.unbonding).isEqualTo(COLLATERAL);
            assertThat(e.unbondingEnds).isEqualTo(BigInteger.valueOf(unbonding.unbondingEnds().orElseThrow().getEpochSecond()));
        });
        assertThat(unbonding.bonded()).isZero();
        assertThat(unbonding.unbonding()).isEqualTo(COLLATERAL);
        assertThat(unbonding.unbondingEnds()).isPresent();

        assertReverts(() -> registry.withdrawCollateral(node), "StillUnbonding");
        f.chain.increaseTime(Duration.ofDays(29));
        assertReverts(() -> registry.withdrawCollateral(node), "StillUnbonding");
        f.chain.increaseTime(Duration.ofDays(1));

        TxOutcome withdrawn = registry.withdrawCollateral(node);
        assertThat(getCollateralWithdrawnEvents(f.receipt(withdrawn))).singleElement().satisfies(e -> {
            assertThat(e.nodeId).isEqualTo(node.value().bytes());
            assertThat(e.provider).isEqualToIgnoringCase(f.chain.address(PROVIDER).value());
            assertThat(e.amount).isEqualTo(COLLATERAL);
        });
        assertThat(f.balance(f.book.stakingToken(), PROVIDER)).isEqualTo(wallet.add(COLLATERAL));
        assertThat(registry.node(node).orElseThrow().unbonding()).isZero();
        assertThat(registry.withdrawCollateral(node)).isInstanceOf(TxOutcome.AlreadyApplied.class);
    }

    @Test
    void lockedCollateralCannotBeRequestedForWithdrawal() {
        AgreementId id = f.activeAgreement(1); // locks COLLATERAL of a node holding twice that
        NodeId node = f.escrow(PROVIDER).agreement(id).orElseThrow().nodeId();
        assertReverts(() -> f.registry(PROVIDER).requestWithdrawal(node, COLLATERAL.add(BigInteger.ONE), "too-much"),
                "InsufficientFreeCollateral");
        assertReverts(() -> f.registry(PROVIDER).requestWithdrawal(node, BigInteger.ZERO, "zero"), "ZeroAmount");
        f.registry(PROVIDER).requestWithdrawal(node, COLLATERAL, "free-part");
        assertThat(f.registry(PROVIDER).node(node).orElseThrow().free()).isZero();
    }

    @Test
    void onlyTheEscrowLocksUnlocksAndSlashes() {
        NodeId node = f.nodeWithCollateral(PROVIDER, COLLATERAL);
        var calls = f.registryCalls();
        byte[] id = node.value().bytes();
        assertReverts(() -> f.send(STRANGER, f.book.registry(), calls.lockCollateral(id, BigInteger.ONE).encodeFunctionCall()),
                "AccessControlUnauthorizedAccount");
        assertReverts(() -> f.send(PROVIDER, f.book.registry(), calls.unlockCollateral(id, BigInteger.ONE).encodeFunctionCall()),
                "AccessControlUnauthorizedAccount");
        assertReverts(() -> f.send(GOVERNANCE, f.book.registry(),
                calls.slash(id, BigInteger.ONE, f.chain.address(GOVERNANCE).value()).encodeFunctionCall()), "AccessControlUnauthorizedAccount");
    }

    @Test
    void slashingAndUnlockingAreBoundedByWhatIsLocked() {
        // a registry whose escrow role is held by a plain account, to drive the bounds directly
        ChainFixtures own = new ChainFixtures();
        byte[] escrowRole = Hash.sha3("ESCROW_ROLE".getBytes(StandardCharsets.UTF_8));
        var calls = own.registryCalls();
        own.send(GOVERNANCE, own.book.registry(), calls.grantRole(escrowRole, own.chain.address(STRANGER).value()).encodeFunctionCall());
        NodeId node = own.nodeWithCollateral(PROVIDER, COLLATERAL);
        byte[] id = node.value().bytes();
        String to = own.chain.address(STRANGER).value();

        assertReverts(() -> own.send(STRANGER, own.book.registry(), calls.lockCollateral(id, COLLATERAL.add(BigInteger.ONE)).encodeFunctionCall()),
                "InsufficientFreeCollateral");
        own.send(STRANGER, own.book.registry(), calls.lockCollateral(id, BigInteger.valueOf(600)).encodeFunctionCall());
        assertReverts(() -> own.send(STRANGER, own.book.registry(), calls.slash(id, BigInteger.valueOf(601), to).encodeFunctionCall()),
                "InsufficientLockedCollateral");
        assertReverts(() -> own.send(STRANGER, own.book.registry(), calls.unlockCollateral(id, BigInteger.valueOf(601)).encodeFunctionCall()),
                "InsufficientLockedCollateral");
        byte[] unknown = NodeId.of(UUID.randomUUID()).value().bytes();
        assertReverts(() -> own.send(STRANGER, own.book.registry(), calls.lockCollateral(unknown, BigInteger.ONE).encodeFunctionCall()),
                "UnknownNode");
        assertReverts(() -> own.send(STRANGER, own.book.registry(), calls.unlockCollateral(unknown, BigInteger.ZERO).encodeFunctionCall()),
                "UnknownNode");
        assertReverts(() -> own.send(STRANGER, own.book.registry(), calls.slash(unknown, BigInteger.ZERO, to).encodeFunctionCall()),
                "UnknownNode");

        BigInteger recipientBefore = own.balance(own.book.stakingToken(), STRANGER);
        var slashed = own.send(STRANGER, own.book.registry(), calls.slash(id, BigInteger.valueOf(400), to).encodeFunctionCall());
        assertThat(getCollateralSlashedEvents(slashed)).singleElement().satisfies(e -> {
            assertThat(e.nodeId).isEqualTo(id);
            assertThat(e.recipient).isEqualToIgnoringCase(to);
            assertThat(e.amount).isEqualTo(BigInteger.valueOf(400));
            assertThat(e.locked).isEqualTo(BigInteger.valueOf(200));
        });
        assertThat(own.balance(own.book.stakingToken(), STRANGER)).isEqualTo(recipientBefore.add(BigInteger.valueOf(400)));
        own.send(STRANGER, own.book.registry(), calls.unlockCollateral(id, BigInteger.valueOf(200)).encodeFunctionCall());
        BridgeNode after = own.registry(PROVIDER).node(node).orElseThrow();
        assertThat(after.locked()).isZero();
        assertThat(after.bonded()).isEqualTo(COLLATERAL.subtract(BigInteger.valueOf(400)));
    }

    @Test
    void onlyGovernanceChangesTheUnbondingPeriodAndNeverBeyondAYear() throws Exception {
        ChainFixtures own = new ChainFixtures();
        var calls = own.registryCalls();
        assertThat(own.registry(PROVIDER).unbondingPeriod()).isEqualTo(Duration.ofDays(30));
        assertReverts(() -> own.send(STRANGER, own.book.registry(), calls.setUnbondingPeriod(BigInteger.ONE).encodeFunctionCall()),
                "AccessControlUnauthorizedAccount");
        assertReverts(() -> own.send(GOVERNANCE, own.book.registry(),
                calls.setUnbondingPeriod(BigInteger.valueOf(Duration.ofDays(366).toSeconds())).encodeFunctionCall()), "UnbondingPeriodTooLong");
        own.send(GOVERNANCE, own.book.registry(), calls.setUnbondingPeriod(BigInteger.valueOf(Duration.ofDays(7).toSeconds())).encodeFunctionCall());
        assertThat(own.registry(PROVIDER).unbondingPeriod()).isEqualTo(Duration.ofDays(7));
        assertThat(calls.freeCollateral(NodeId.of(UUID.randomUUID()).value().bytes()).send()).isZero();

        assertReverts(() -> own.deploy(io.flashback.chain.web3j.contracts.BridgeNodeRegistry.BINARY, abi(own.book.governance()),
                abi(own.book.stakingToken()), new Uint256(Duration.ofDays(366).toSeconds())), "UnbondingPeriodTooLong");
        Address aYear = own.deploy(io.flashback.chain.web3j.contracts.BridgeNodeRegistry.BINARY, abi(own.book.governance()),
                abi(own.book.stakingToken()), new Uint256(Duration.ofDays(365).toSeconds()));
        assertThat(new io.flashback.chain.web3j.Web3jNodeRegistry(own.chain.account(PROVIDER), aYear).unbondingPeriod())
                .isEqualTo(Duration.ofDays(365));
    }
}
