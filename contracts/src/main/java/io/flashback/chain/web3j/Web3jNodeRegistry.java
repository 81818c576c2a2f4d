package io.flashback.chain.web3j;

import io.flashback.chain.Address;
import io.flashback.chain.BridgeNode;
import io.flashback.chain.NodeClaim;
import io.flashback.chain.NodeId;
import io.flashback.chain.NodeRegistry;
import io.flashback.chain.SignedNodeClaim;
import io.flashback.chain.TxOutcome;
import io.flashback.chain.web3j.contracts.BridgeNodeRegistry;
import org.web3j.tuples.generated.Tuple6;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** {@link NodeRegistry} on the BridgeNodeRegistry contract, signing as the provider wallet. */
public final class Web3jNodeRegistry implements NodeRegistry {

    private final Web3jTransactions transactions;
    private final Address address;
    private final BridgeNodeRegistry contract;

    public Web3jNodeRegistry(Web3jTransactions transactions, Address registry) {
        this.transactions = transactions;
        this.address = registry;
        this.contract = BridgeNodeRegistry.load(registry.value(), transactions.web3j(),
                Contracts.readOnly(transactions.web3j(), transactions.address().value()), Contracts.UNUSED_GAS);
    }

    @Override
    public Address address() {
        return address;
    }

    public Address stakingToken() {
        return Address.of(Contracts.view(contract.stakingToken()));
    }

    @Override
    public TxOutcome claimNode(SignedNodeClaim signed) {
        NodeClaim claim = signed.claim();
        Optional<BridgeNode> existing = node(claim.nodeId());
        if (existing.isPresent() && existing.get().provider().equals(transactions.address())
                && existing.get().nodeAddress().equals(claim.nodeAddress())) {
            return new TxOutcome.AlreadyApplied("node " + claim.nodeId() + " is already bound to " + transactions.address());
        }
        String data = contract.claimNode(claim.nodeId().value().bytes(), claim.nodeAddress().value(), claim.nonce(),
                BigInteger.valueOf(claim.deadline().getEpochSecond()), signed.signature().bytes()).encodeFunctionCall();
        return Contracts.mined(transactions.send("claimNode/" + claim.nodeId(), address.value(), data));
    }

    @Override
    public TxOutcome depositCollateral(NodeId node, BigInteger amount, String operationId) {
        Erc20Allowances.ensure(transactions, stakingToken(), address, amount, "deposit/" + operationId);
        String data = contract.depositCollateral(node.value().bytes(), amount).encodeFunctionCall();
        return Contracts.mined(transactions.send("deposit/" + operationId, address.value(), data));
    }

    @Override
    public TxOutcome requestWithdrawal(NodeId node, BigInteger amount, String operationId) {
        String data = contract.requestWithdrawal(node.value().bytes(), amount).encodeFunctionCall();
        return Contracts.mined(transactions.send("requestWithdrawal/" + operationId, address.value(), data));
    }

    @Override
    public TxOutcome withdrawCollateral(NodeId node) {
        BridgeNode current = node(node).orElseThrow(() -> new IllegalArgumentException("unknown node " + node));
        if (current.unbonding().signum() == 0) {
            return new TxOutcome.AlreadyApplied("nothing is unbonding for node " + node);
        }
        String data = contract.withdrawCollateral(node.value().bytes()).encodeFunctionCall();
        String operation = "withdrawCollateral/" + node + "/" + current.unbondingEnds().map(Instant::getEpochSecond).orElse(0L);
        return Contracts.mined(transactions.send(operation, address.value(), data));
    }

    @Override
    public Optional<BridgeNode> node(NodeId node) {
        Tuple6<String, String, BigInteger, BigInteger, BigInteger, BigInteger> n = Contracts.view(contract.nodeOf(node.value().bytes()));
        Address provider = Address.of(n.component1());
        if (provider.equals(Address.ZERO)) {
            return Optional.empty();
        }
        Optional<Instant> ends = n.component6().signum() == 0 ? Optional.empty()
                : Optional.of(Instant.ofEpochSecond(n.component6().longValueExact()));
        return Optional.of(new BridgeNode(node, provider, Address.of(n.component2()), n.component3(), n.component4(),
                n.component5(), ends));
    }

    @Override
    public BigInteger claimNonce(Address nodeAddress) {
        return Contracts.view(contract.nonces(nodeAddress.value()));
    }

    @Override
    public Duration unbondingPeriod() {
        return Duration.ofSeconds(Contracts.view(contract.unbondingPeriod()).longValueExact());
    }
}
