package io.flashback.chain.web3j;

import io.flashback.chain.Address;
import io.flashback.chain.Agreement;
import io.flashback.chain.AgreementId;
import io.flashback.chain.AgreementRef;
import io.flashback.chain.AgreementStatus;
import io.flashback.chain.AgreementTerms;
import io.flashback.chain.Bytes32;
import io.flashback.chain.CreditTier;
import io.flashback.chain.NodeId;
import io.flashback.chain.ProvenResult;
import io.flashback.chain.SlaEscrow;
import io.flashback.chain.TxOutcome;
import org.web3j.crypto.Hash;
import org.web3j.tuples.generated.Tuple13;
import org.web3j.tuples.generated.Tuple2;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/** {@link SlaEscrow} on the SlaEscrow contract, signing as the adapter's wallet. */
public final class Web3jSlaEscrow implements SlaEscrow {

    private final Web3jTransactions transactions;
    private final Address address;
    private final io.flashback.chain.web3j.contracts.SlaEscrow contract;

    public Web3jSlaEscrow(Web3jTransactions transactions, Address escrow) {
        this.transactions = transactions;
        this.address = escrow;
        this.contract = io.flashback.chain.web3j.contracts.SlaEscrow.load(escrow.value(), transactions.web3j(),
                Contracts.readOnly(transactions.web3j(), transactions.address().value()), Contracts.UNUSED_GAS);
    }

    @Override
    public Address address() {
        return address;
    }

    @Override
    public AgreementId createAgreement(AgreementTerms terms) {
        Optional<AgreementId> existing = agreementByReference(transactions.address(), terms.reference());
        if (existing.isPresent()) {
            return existing.get();
        }
        String operation = "createAgreement/" + address + "/" + terms.reference();
        Erc20Allowances.ensure(transactions, terms.token(), address, terms.totalPrice(), operation);
        String data = contract.createAgreement(
                terms.reference().value().bytes(),
                terms.consumer().value(),
                terms.nodeId().value().bytes(),
                terms.token().value(),
                terms.pricePerEpoch(),
                BigInteger.valueOf(terms.epochs()),
                BigInteger.valueOf(terms.startEpoch()),
                terms.collateral(),
                BigInteger.valueOf(terms.slashBelowPpm()),
                terms.slashAmount(),
                terms.creditTiers().stream().map(t -> BigInteger.valueOf(t.belowPpm())).toList(),
                terms.creditTiers().stream().map(t -> BigInteger.valueOf(t.creditBps())).toList()).encodeFunctionCall();
        transactions.send(operation, address.value(), data);
        return agreementByReference(transactions.address(), terms.reference()).orElseThrow(
                () -> new IllegalStateException("agreement " + terms.reference() + " not found after creation"));
    }

    @Override
    public TxOutcome accept(AgreementId id) {
        return transition(id, "accept", EnumSet.of(AgreementStatus.ACTIVE, AgreementStatus.COMPLETED),
                contract.accept(id.value()).encodeFunctionCall());
    }

    @Override
    public TxOutcome reject(AgreementId id) {
        return transition(id, "reject", EnumSet.of(AgreementStatus.REJECTED), contract.reject(id.value()).encodeFunctionCall());
    }

    /**
     * Cancelling an active agreement mid-term leaves it ACTIVE with its epochs cut to the running one,
     * so the status alone cannot tell a retry (after a crash lost the journal) that it was applied. The
     * contract's own rule can: when no epoch after the running one (and after the settled ones) is left,
     * a cancel has nothing to refund — it was done, or the term ends with this epoch anyway.
     */
    @Override
    public TxOutcome cancel(AgreementId id) {
        Optional<Agreement> agreement = agreement(id);
        if (agreement.isPresent() && agreement.get().status() == AgreementStatus.ACTIVE) {
            Agreement active = agreement.get();
            long current = currentEpoch();
            long begun = current < active.startEpoch() ? 0 : current - active.startEpoch() + 1;
            if (Math.max(begun, active.settledEpochs()) >= active.epochs()) {
                return new TxOutcome.AlreadyApplied("agreement " + id + " already ends with epoch "
                        + (active.startEpoch() + active.epochs() - 1) + "; nothing is left to cancel in epoch " + current);
            }
        }
        return transition(id, "cancel", EnumSet.of(AgreementStatus.CANCELLED), contract.cancel(id.value()).encodeFunctionCall());
    }

    /** The hub's current epoch, the one the escrow counts "begun" epochs with. */
    private long currentEpoch() {
        String hub = Contracts.view(contract.hub());
        return Contracts.view(io.flashback.chain.web3j.contracts.OracleHub.load(hub, transactions.web3j(),
                Contracts.readOnly(transactions.web3j(), transactions.address().value()), Contracts.UNUSED_GAS).currentEpoch())
                .longValueExact();
    }

    @Override
    public TxOutcome expire(AgreementId id) {
        return transition(id, "expire", EnumSet.of(AgreementStatus.EXPIRED), contract.expire(id.value()).encodeFunctionCall());
    }

    private TxOutcome transition(AgreementId id, String action, EnumSet<AgreementStatus> done, String data) {
        Optional<Agreement> agreement = agreement(id);
        if (agreement.isPresent() && done.contains(agreement.get().status())) {
            return new TxOutcome.AlreadyApplied("agreement " + id + " is already " + agreement.get().status());
        }
        return Contracts.mined(transactions.send(action + "/" + address + "/" + id, address.value(), data));
    }

    @Override
    public TxOutcome settle(ProvenResult proven) {
        var result = proven.result();
        Optional<Agreement> agreement = agreement(result.agreementId());
        if (agreement.isPresent() && agreement.get().nextEpochToSettle() > result.epoch()) {
            return new TxOutcome.AlreadyApplied("agreement " + result.agreementId() + " epoch " + result.epoch() + " is settled");
        }
        String data = contract.settle(result.agreementId().value(), BigInteger.valueOf(result.epoch()),
                BigInteger.valueOf(result.availabilityPpm()), proofBytes(proven.proof())).encodeFunctionCall();
        return Contracts.mined(transactions.send("settle/" + address + "/" + result.agreementId() + "/" + result.epoch(),
                address.value(), data));
    }

    @Override
    public TxOutcome settleBatch(long epoch, List<ProvenResult> results) {
        List<ProvenResult> open = new ArrayList<>();
        for (ProvenResult proven : results) {
            if (proven.result().epoch() != epoch) {
                throw new IllegalArgumentException("result of epoch " + proven.result().epoch() + " in a batch for epoch " + epoch);
            }
            Optional<Agreement> agreement = agreement(proven.result().agreementId());
            if (agreement.isEmpty() || agreement.get().nextEpochToSettle() <= epoch) {
                open.add(proven);
            }
        }
        if (open.isEmpty()) {
            return new TxOutcome.AlreadyApplied("every agreement of the batch is settled for epoch " + epoch);
        }
        return Contracts.mined(transactions.send(batchOperation(epoch, open), address.value(), encodeBatch(epoch, open)));
    }

    /** The calldata of a batch settlement (for gas measurements and for callers that send it themselves). */
    public String encodeBatch(long epoch, List<ProvenResult> results) {
        List<BigInteger> ids = results.stream().map(r -> r.result().agreementId().value()).toList();
        List<BigInteger> availabilities = results.stream().map(r -> BigInteger.valueOf(r.result().availabilityPpm())).toList();
        List<byte[]> proofs = results.stream().flatMap(r -> r.proof().stream()).map(Bytes32::bytes).toList();
        List<BigInteger> lengths = results.stream().map(r -> BigInteger.valueOf(r.proof().size())).toList();
        return contract.settleBatch(BigInteger.valueOf(epoch), ids, availabilities, proofs, lengths).encodeFunctionCall();
    }

    private String batchOperation(long epoch, List<ProvenResult> results) {
        StringBuilder ids = new StringBuilder();
        results.forEach(r -> ids.append(r.result().agreementId()).append(','));
        String digest = Hash.sha3String(ids.toString()).substring(2, 18);
        return "settleBatch/" + address + "/" + epoch + "/" + digest;
    }

    @Override
    public TxOutcome settleUnreported(long epoch, List<AgreementId> ids) {
        List<AgreementId> open = ids.stream()
                .filter(id -> agreement(id).map(a -> a.nextEpochToSettle() <= epoch).orElse(true))
                .toList();
        if (open.isEmpty()) {
            return new TxOutcome.AlreadyApplied("every agreement is settled for epoch " + epoch);
        }
        StringBuilder joined = new StringBuilder();
        open.forEach(id -> joined.append(id).append(','));
        String operation = "settleUnreported/" + address + "/" + epoch + "/" + Hash.sha3String(joined.toString()).substring(2, 18);
        String data = contract.settleUnreported(BigInteger.valueOf(epoch), open.stream().map(AgreementId::value).toList())
                .encodeFunctionCall();
        return Contracts.mined(transactions.send(operation, address.value(), data));
    }

    @Override
    public TxOutcome withdraw(Address token) {
        BigInteger balance = balanceOf(token, transactions.address());
        if (balance.signum() == 0) {
            return new TxOutcome.AlreadyApplied("nothing to withdraw in " + token);
        }
        String data = contract.withdraw(token.value()).encodeFunctionCall();
        return Contracts.mined(transactions.send("withdraw/" + address + "/" + token + "/" + balance, address.value(), data));
    }

    @Override
    public Optional<Agreement> agreement(AgreementId id) {
        Tuple13<String, String, byte[], String, BigInteger, BigInteger, BigInteger, BigInteger, BigInteger, BigInteger,
                BigInteger, BigInteger, BigInteger> a = Contracts.view(contract.agreementOf(id.value()));
        if (a.component9().signum() == 0) {
            return Optional.empty();
        }
        return Optional.of(new Agreement(id, Address.of(a.component1()), Address.of(a.component2()),
                new NodeId(Bytes32.of(a.component3())), Address.of(a.component4()), a.component5(),
                a.component6().intValueExact(), a.component7().longValueExact(), a.component8().intValueExact(),
                AgreementStatus.fromOrdinal(a.component9().intValueExact()), a.component10().intValueExact(),
                a.component11(), a.component12().intValueExact(), a.component13()));
    }

    @Override
    public Optional<AgreementId> agreementByReference(Address payer, AgreementRef reference) {
        BigInteger id = Contracts.view(contract.agreementIdByReference(payer.value(), reference.value().bytes()));
        return id.signum() == 0 ? Optional.empty() : Optional.of(new AgreementId(id));
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<CreditTier> creditTiers(AgreementId id) {
        Tuple2<List<BigInteger>, List<BigInteger>> tiers = Contracts.view(contract.creditTiersOf(id.value()));
        return IntStream.range(0, tiers.component1().size())
                .mapToObj(i -> new CreditTier(tiers.component1().get(i).intValueExact(), tiers.component2().get(i).intValueExact()))
                .toList();
    }

    @Override
    public BigInteger balanceOf(Address token, Address account) {
        return Contracts.view(contract.balanceOf(token.value(), account.value()));
    }

    static List<byte[]> proofBytes(List<Bytes32> proof) {
        return proof.stream().map(Bytes32::bytes).toList();
    }

}
