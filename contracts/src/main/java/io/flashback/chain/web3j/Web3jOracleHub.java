package io.flashback.chain.web3j;

import io.flashback.chain.Address;
import io.flashback.chain.Bytes32;
import io.flashback.chain.EpochReport;
import io.flashback.chain.OracleHub;
import io.flashback.chain.Signature;
import io.flashback.chain.TxOutcome;
import io.flashback.chain.ValidatorSet;
import io.flashback.chain.eip712.Eip712Domain;
import io.flashback.chain.eip712.Eip712Signer;
import io.flashback.chain.eip712.EpochReports;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** {@link OracleHub} on the OracleHub contract; any wallet may submit (the signatures authorise). */
public final class Web3jOracleHub implements OracleHub {

    private final Web3jTransactions transactions;
    private final Address address;
    private final io.flashback.chain.web3j.contracts.OracleHub contract;

    public Web3jOracleHub(Web3jTransactions transactions, Address hub) {
        this.transactions = transactions;
        this.address = hub;
        this.contract = io.flashback.chain.web3j.contracts.OracleHub.load(hub.value(), transactions.web3j(),
                Contracts.readOnly(transactions.web3j(), transactions.address().value()), Contracts.UNUSED_GAS);
    }

    @Override
    public Address address() {
        return address;
    }

    public Eip712Domain domain() {
        return Eip712Domain.oracleHub(transactions.chainId(), address);
    }

    @Override
    public TxOutcome submitReport(EpochReport report, List<Signature> signatures) {
        Optional<Bytes32> posted = rootOf(report.epoch());
        if (posted.isPresent() && posted.get().equals(report.root())) {
            return new TxOutcome.AlreadyApplied("epoch " + report.epoch() + " is already reported with this root");
        }
        // The hub checks distinctness by requiring ascending signer addresses.
        var digest = EpochReports.digest(report, domain());
        List<byte[]> ordered = signatures.stream()
                .sorted(Comparator.comparing((Signature s) -> Eip712Signer.recover(digest, s)))
                .map(Signature::bytes)
                .toList();
        String data = contract.submitReport(BigInteger.valueOf(report.epoch()), report.root().bytes(), ordered).encodeFunctionCall();
        return Contracts.mined(transactions.send("report/" + address + "/" + report.epoch() + "/" + report.root(), address.value(), data));
    }

    @Override
    public Optional<Bytes32> rootOf(long epoch) {
        Bytes32 root = Bytes32.of(Contracts.view(contract.rootOf(BigInteger.valueOf(epoch))));
        return root.isZero() ? Optional.empty() : Optional.of(root);
    }

    @Override
    public long currentEpoch() {
        return Contracts.view(contract.currentEpoch()).longValueExact();
    }

    @Override
    public long oldestReportableEpoch() {
        return Contracts.view(contract.oldestReportableEpoch()).longValueExact();
    }

    @Override
    public Instant epochStart(long epoch) {
        return Instant.ofEpochSecond(Contracts.view(contract.epochStart(BigInteger.valueOf(epoch))).longValueExact());
    }

    @Override
    public ValidatorSet validatorSet() {
        @SuppressWarnings("unchecked")
        List<String> validators = (List<String>) Contracts.view(contract.validators());
        int threshold = Contracts.view(contract.threshold()).intValueExact();
        return new ValidatorSet(validators.stream().map(Address::of).toList(), threshold);
    }
}
