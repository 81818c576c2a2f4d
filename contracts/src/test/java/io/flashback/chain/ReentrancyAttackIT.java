package io.flashback.chain;

import io.flashback.chain.eip712.Eip712Domain;
import io.flashback.chain.eip712.NodeClaims;
import io.flashback.chain.web3j.contracts.BridgeNodeRegistry;
import io.flashback.chain.web3j.testcontracts.ReentrantToken;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.ECKeyPair;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.flashback.chain.TestChain.GOVERNANCE;
import static io.flashback.chain.TestChain.PROVIDER;
import static io.flashback.chain.TestChain.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hostile ERC-20 that calls back into the contract paying it out, trying to be paid twice. The
 * token contract is itself the attacking account (consumer in the escrow, provider in the registry).
 */
class ReentrancyAttackIT {

    /** selector of OpenZeppelin's ReentrancyGuardReentrantCall() */
    private static final String REENTRANT_CALL = "0x3ee5aeb5";

    private final ChainFixtures f = new ChainFixtures();

    private ReentrantToken hostile(Address token) {
        return ReentrantToken.load(token.value(), f.chain.web3j(),
                new ReadonlyTransactionManager(f.chain.web3j(), Address.ZERO.value()), new StaticGasProvider(BigInteger.ZERO, BigInteger.ZERO));
    }

    private Address deployHostileToken() {
        return Address.of(f.chain.account(STRANGER).deploy(null, ReentrantToken.BINARY).getContractAddress());
    }

    /** Makes the token contract call {@code target} with {@code data}, as itself. */
    private void asToken(Address token, Address target, String data) {
        f.send(STRANGER, token, hostile(token).execute(target.value(), Numeric.hexStringToByteArray(data)).encodeFunctionCall());
    }

    @Test
    void theEscrowPaysAWithdrawalOnceAndRefusesTheReentrantCall() throws Exception {
        Address token = deployHostileToken();
        ReentrantToken evil = hostile(token);
        BigInteger minted = BigInteger.valueOf(1_000);
        f.send(STRANGER, token, evil.mint(token.value(), minted).encodeFunctionCall());
        asToken(token, token, f.erc20(token).approve(f.book.escrow().value(), minted).encodeFunctionCall());
        NodeId node = f.claimedNode(PROVIDER);
        AgreementRef ref = AgreementRef.of(UUID.randomUUID());
        asToken(token, f.book.escrow(), f.escrowCalls().createAgreement(ref.value().bytes(), token.value(), node.value().bytes(),
                token.value(), BigInteger.valueOf(100), BigInteger.TWO, BigInteger.valueOf(f.currentEpoch() + 1), BigInteger.ZERO,
                BigInteger.ZERO, BigInteger.ZERO, List.of(), List.of()).encodeFunctionCall());
        AgreementId id = f.escrow(STRANGER).agreementByReference(token, ref).orElseThrow();
        asToken(token, f.book.escrow(), f.escrowCalls().cancel(id.value()).encodeFunctionCall());
        assertThat(f.escrow(STRANGER).balanceOf(token, token)).isEqualTo(BigInteger.valueOf(200));

        String withdraw = f.escrowCalls().withdraw(token.value()).encodeFunctionCall();
        f.send(STRANGER, token, evil.arm(f.book.escrow().value(), Numeric.hexStringToByteArray(withdraw)).encodeFunctionCall());
        asToken(token, f.book.escrow(), withdraw);

        assertThat(evil.reentryAttempted().send()).isTrue();
        assertThat(evil.reentrySucceeded().send()).isFalse();
        assertThat(Numeric.toHexString(evil.reentryError().send())).startsWith(REENTRANT_CALL);
        assertThat(f.escrow(STRANGER).balanceOf(token, token)).isZero();
        assertThat(evil.balanceOf(token.value()).send()).isEqualTo(minted);          // paid back once, not twice
        assertThat(evil.balanceOf(f.book.escrow().value()).send()).isZero();
    }

    @Test
    void theRegistryReturnsCollateralOnceAndRefusesTheReentrantCall() throws Exception {
        Address token = deployHostileToken();
        ReentrantToken evil = hostile(token);
        var transactions = f.chain.account(GOVERNANCE);
        String init = BridgeNodeRegistry.BINARY + FunctionEncoder.encodeConstructor(List.of(
                new org.web3j.abi.datatypes.Address(transactions.address().value()),
                new org.web3j.abi.datatypes.Address(token.value()),
                new Uint256(Duration.ofDays(30).toSeconds())));
        Address registry = Address.of(transactions.deploy(null, init).getContractAddress());
        BridgeNodeRegistry calls = BridgeNodeRegistry.load(registry.value(), f.chain.web3j(),
                new ReadonlyTransactionManager(f.chain.web3j(), Address.ZERO.value()), new StaticGasProvider(BigInteger.ZERO, BigInteger.ZERO));

        ECKeyPair nodeKey = ChainFixtures.newNodeKey();
        NodeId node = NodeClaims.nodeIdOf(ChainFixtures.addressOf(nodeKey));
        NodeClaim claim = new NodeClaim(node, ChainFixtures.addressOf(nodeKey), token, BigInteger.ZERO,
                Instant.ofEpochSecond(f.chain.timestamp() + 3600));
        SignedNodeClaim signed = NodeClaims.sign(claim, Eip712Domain.bridgeNodeRegistry(f.book.chainId(), registry), nodeKey);
        asToken(token, registry, calls.claimNode(node.value().bytes(), claim.nodeAddress().value(), BigInteger.ZERO,
                BigInteger.valueOf(claim.deadline().getEpochSecond()), signed.signature().bytes()).encodeFunctionCall());
        BigInteger stake = BigInteger.valueOf(500);
        f.send(STRANGER, token, evil.mint(token.value(), stake).encodeFunctionCall());
        asToken(token, token, f.erc20(token).approve(registry.value(), stake).encodeFunctionCall());
        asToken(token, registry, calls.depositCollateral(node.value().bytes(), stake).encodeFunctionCall());
        asToken(token, registry, calls.requestWithdrawal(node.value().bytes(), stake).encodeFunctionCall());
        f.chain.increaseTime(Duration.ofDays(30));

        String withdraw = calls.withdrawCollateral(node.value().bytes()).encodeFunctionCall();
        f.send(STRANGER, token, evil.arm(registry.value(), Numeric.hexStringToByteArray(withdraw)).encodeFunctionCall());
        asToken(token, registry, withdraw);

        assertThat(evil.reentryAttempted().send()).isTrue();
        assertThat(evil.reentrySucceeded().send()).isFalse();
        assertThat(Numeric.toHexString(evil.reentryError().send())).startsWith(REENTRANT_CALL);
        assertThat(evil.balanceOf(token.value()).send()).isEqualTo(stake);
        assertThat(evil.balanceOf(registry.value()).send()).isZero();
    }
}
