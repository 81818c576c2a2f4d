package io.flashback.chain;

import io.flashback.chain.deploy.DeploymentPlan;
import io.flashback.chain.eip712.Eip712Domain;
import io.flashback.chain.eip712.EpochReports;
import io.flashback.chain.web3j.ChainKeys;
import io.flashback.chain.web3j.contracts.OracleHub;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.crypto.Hash;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static io.flashback.chain.ChainFixtures.addressOf;
import static io.flashback.chain.ChainFixtures.assertReverts;
import static io.flashback.chain.TestChain.GOVERNANCE;
import static io.flashback.chain.TestChain.SETTLER;
import static io.flashback.chain.TestChain.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;

/** OracleHub: k-of-n validator signatures over (epoch, root), bound to chain and contract; epoch ordering. */
class EpochReportingIT {

    private static ChainFixtures f;

    @BeforeAll
    static void deploy() {
        f = new ChainFixtures();
    }

    private static Bytes32 root(String seed) {
        return Bytes32.of(Hash.sha3(seed.getBytes()));
    }

    private static long lastUsed = -1;

    /** An epoch that has ended and is after every epoch the tests used so far. */
    private static long finishedEpoch() {
        long epoch = Math.max(f.hub(SETTLER).currentEpoch(), lastUsed + 1);
        f.endEpoch(epoch);
        lastUsed = epoch;
        return epoch;
    }

    private static List<byte[]> bytes(List<Signature> signatures) {
        return signatures.stream().map(Signature::bytes).toList();
    }

    private static String submit(long epoch, Bytes32 root, List<Signature> signatures) {
        return f.hubCalls().submitReport(BigInteger.valueOf(epoch), root.bytes(), bytes(signatures)).encodeFunctionCall();
    }

    @Test
    void aReportWithThresholdSignaturesIsAccepted() {
        long epoch = finishedEpoch();
        EpochReport report = new EpochReport(epoch, root("accepted"));

        assertThat(f.hub(SETTLER).submitReport(report, f.signatures(report, 3))).isInstanceOf(TxOutcome.Mined.class);

        assertThat(f.hub(SETTLER).rootOf(epoch)).contains(report.root());
        assertThat(f.hub(SETTLER).submitReport(report, f.signatures(report, 3))).isInstanceOf(TxOutcome.AlreadyApplied.class);
    }

    @Test
    void theJavaDigestIsTheContractsDigest() throws Exception {
        EpochReport report = new EpochReport(42, root("digest"));
        Eip712Domain domain = Eip712Domain.oracleHub(f.book.chainId(), f.book.oracleHub());
        byte[] onChain = f.hubCalls().reportDigest(BigInteger.valueOf(42), report.root().bytes()).send();
        assertThat(EpochReports.digest(report, domain)).isEqualTo(Bytes32.of(onChain));
        assertThat(domain.separator()).isEqualTo(Bytes32.of(f.hubCalls().domainSeparator().send()));
    }

    @Test
    void aReportOneSignatureShortIsRejected() {
        long epoch = finishedEpoch();
        EpochReport report = new EpochReport(epoch, root("short"));
        assertReverts(() -> f.hub(SETTLER).submitReport(report, f.signatures(report, 2)), "NotEnoughSignatures");
    }

    @Test
    void theSameValidatorCannotSignTwice() {
        long epoch = finishedEpoch();
        EpochReport report = new EpochReport(epoch, root("twice"));
        List<Signature> two = f.signatures(report, 2);
        List<Signature> padded = new ArrayList<>(two);
        padded.add(two.get(0));
        padded.sort(java.util.Comparator.comparing(s -> io.flashback.chain.eip712.Eip712Signer.recover(
                EpochReports.digest(report, Eip712Domain.oracleHub(f.book.chainId(), f.book.oracleHub())), s)));
        assertReverts(() -> f.send(SETTLER, f.book.oracleHub(), submit(epoch, report.root(), padded)), "SignersNotAscending");
    }

    @Test
    void signaturesOfNonValidatorsDoNotCount() {
        long epoch = finishedEpoch();
        EpochReport report = new EpochReport(epoch, root("outsider"));
        List<Signature> signatures = new ArrayList<>(f.signatures(report, 2));
        signatures.add(EpochReports.sign(report, Eip712Domain.oracleHub(f.book.chainId(), f.book.oracleHub()),
                ChainKeys.anvil(STRANGER).getEcKeyPair()));
        assertReverts(() -> f.hub(SETTLER).submitReport(report, signatures), "NotAValidator");
    }

    @Test
    void signaturesForAnotherChainOrHubDoNotCount() {
        long epoch = finishedEpoch();
        EpochReport report = new EpochReport(epoch, root("replayed"));
        for (Eip712Domain wrong : List.of(Eip712Domain.oracleHub(1, f.book.oracleHub()),
                Eip712Domain.oracleHub(f.book.chainId(), f.book.escrow()))) {
            List<Signature> signatures = TestChain.VALIDATORS.subList(0, 3).stream()
                    .map(i -> EpochReports.sign(report, wrong, ChainKeys.anvil(i).getEcKeyPair())).toList();
            // they recover to unrelated addresses
            assertThat(catchError(() -> f.hub(SETTLER).submitReport(report, signatures)))
                    .isIn("NotAValidator", "SignersNotAscending");
        }
    }

    @Test
    void signaturesOfAnotherEpochDoNotCount() {
        long epoch = finishedEpoch();
        EpochReport signed = new EpochReport(epoch + 1, root("other"));
        List<Signature> reused = f.signatures(signed, 3);
        assertThat(catchError(() -> f.send(SETTLER, f.book.oracleHub(), submit(epoch, signed.root(), reused))))
                .isIn("NotAValidator", "SignersNotAscending");
    }

    @Test
    void aReusedEpochIsRejected() {
        long epoch = finishedEpoch();
        EpochReport report = new EpochReport(epoch, root("first"));
        f.hub(SETTLER).submitReport(report, f.signatures(report, 3));
        EpochReport second = new EpochReport(epoch, root("second"));

        assertReverts(() -> f.hub(SETTLER).submitReport(second, f.signatures(second, 3)), "EpochAlreadyReported");
    }

    @Test
    void anEpochPastTheReportWindowIsRejected() throws Exception {
        long old = finishedEpoch();
        long window = f.hubCalls().REPORT_WINDOW_EPOCHS().send().longValueExact();
        f.endEpoch(old + window); // now in epoch old + window + 1: `old` is one epoch too old
        lastUsed = old + window;
        EpochReport stale = new EpochReport(old, root("stale"));

        assertReverts(() -> f.hub(SETTLER).submitReport(stale, f.signatures(stale, 3)), "StaleEpoch");
        assertThat(f.hub(SETTLER).oldestReportableEpoch()).isEqualTo(old + 1);
        EpochReport lastInWindow = new EpochReport(old + 1, root("last in window"));
        assertThat(f.hub(SETTLER).submitReport(lastInWindow, f.signatures(lastInWindow, 3))).isInstanceOf(TxOutcome.Mined.class);
    }

    @Test // #13 M6
    void aMissedEpochCanStillBeReportedAfterALaterOneButOnlyOnce() {
        long missed = finishedEpoch();
        long later = finishedEpoch();
        EpochReport laterReport = new EpochReport(later, root("later"));
        f.hub(SETTLER).submitReport(laterReport, f.signatures(laterReport, 3));
        EpochReport late = new EpochReport(missed, root("late"));

        assertThat(f.hub(SETTLER).submitReport(late, f.signatures(late, 3))).isInstanceOf(TxOutcome.Mined.class);

        assertThat(f.hub(SETTLER).rootOf(missed)).contains(late.root());
        assertThat(f.hub(SETTLER).rootOf(later)).contains(laterReport.root());
        EpochReport other = new EpochReport(missed, root("another root"));
        assertReverts(() -> f.hub(SETTLER).submitReport(other, f.signatures(other, 3)), "EpochAlreadyReported");
    }

    @Test
    void aReportForTheRunningOrAFutureEpochIsRejected() {
        long current = f.hub(SETTLER).currentEpoch();
        for (long epoch : List.of(current, current + 5)) {
            EpochReport report = new EpochReport(epoch, root("future" + epoch));
            assertReverts(() -> f.hub(SETTLER).submitReport(report, f.signatures(report, 3)), "EpochNotFinished");
        }
    }

    @Test
    void anEmptyRootOrMalformedSignatureIsRejected() {
        long epoch = finishedEpoch();
        EpochReport empty = new EpochReport(epoch, Bytes32.ZERO);
        assertReverts(() -> f.hub(SETTLER).submitReport(empty, f.signatures(empty, 3)), "EmptyRoot");
        List<Signature> garbage = List.of(new Signature("0x" + "00".repeat(65)), new Signature("0x" + "00".repeat(65)),
                new Signature("0x" + "00".repeat(65)));
        assertReverts(() -> f.send(SETTLER, f.book.oracleHub(), submit(epoch, root("x"), garbage)), "InvalidSignature");
    }

    @Test
    void governanceChangesTheValidatorSetWithinTheFaultToleranceRule() throws Exception {
        ChainFixtures own = new ChainFixtures();
        var calls = own.hubCalls();
        List<String> four = TestChain.validatorAddresses().stream().map(Address::value).toList();
        assertThat(own.hub(SETTLER).validatorSet()).isEqualTo(new ValidatorSet(TestChain.validatorAddresses(), 3));
        assertThat(calls.isValidator(four.get(0)).send()).isTrue();
        assertThat(calls.isValidator(own.chain.address(STRANGER).value()).send()).isFalse();

        assertReverts(() -> own.send(STRANGER, own.book.oracleHub(), calls.setValidators(four, BigInteger.TWO).encodeFunctionCall()),
                "AccessControlUnauthorizedAccount");
        // n = 4 tolerates f = 1: a report needs more than 1 signature and at most 3
        assertReverts(() -> own.send(GOVERNANCE, own.book.oracleHub(), calls.setValidators(four, BigInteger.ONE).encodeFunctionCall()),
                "InvalidThreshold");
        assertReverts(() -> own.send(GOVERNANCE, own.book.oracleHub(), calls.setValidators(four, BigInteger.valueOf(4)).encodeFunctionCall()),
                "InvalidThreshold");
        assertReverts(() -> own.send(GOVERNANCE, own.book.oracleHub(), calls.setValidators(List.of(four.get(0), four.get(0)),
                BigInteger.ONE).encodeFunctionCall()), "InvalidValidatorSet");
        assertReverts(() -> own.send(GOVERNANCE, own.book.oracleHub(), calls.setValidators(List.of(), BigInteger.ONE).encodeFunctionCall()),
                "InvalidValidatorSet");
        List<String> withZero = List.of(four.get(0), four.get(1), Address.ZERO.value(), four.get(3));
        assertReverts(() -> own.send(GOVERNANCE, own.book.oracleHub(), calls.setValidators(withZero, BigInteger.valueOf(3)).encodeFunctionCall()),
                "InvalidValidatorSet");
        // 65 validators tolerate f = 21; 22 signatures would be a valid threshold, but 64 is the most the hub takes
        List<String> sixtyFive = IntStream.range(0, 65).mapToObj(i -> addressOf(ChainFixtures.newNodeKey()).value()).toList();
        assertReverts(() -> own.send(GOVERNANCE, own.book.oracleHub(), calls.setValidators(sixtyFive, BigInteger.valueOf(22)).encodeFunctionCall()),
                "InvalidValidatorSet");
        own.send(GOVERNANCE, own.book.oracleHub(), calls.setValidators(sixtyFive.subList(0, 64), BigInteger.valueOf(22)).encodeFunctionCall());
        assertThat(own.hub(SETTLER).validatorSet().validators()).hasSize(64);

        own.send(GOVERNANCE, own.book.oracleHub(), calls.setValidators(four.subList(1, 4), BigInteger.TWO).encodeFunctionCall());
        assertThat(own.hub(SETTLER).validatorSet().threshold()).isEqualTo(2);
        assertThat(calls.validatorSetVersion().send()).isEqualTo(BigInteger.valueOf(3));
        assertThat(calls.isValidator(four.get(0)).send()).isFalse();
        assertThat(calls.isValidator(four.get(1)).send()).isTrue();
        assertThat(calls.isValidator(sixtyFive.get(0)).send()).isFalse();

        // the removed validator (account 6) no longer counts
        long epoch = own.hub(SETTLER).currentEpoch();
        own.endEpoch(epoch);
        EpochReport report = new EpochReport(epoch, root("new set"));
        assertReverts(() -> own.hub(SETTLER).submitReport(report, own.signatures(report, 2)), "NotAValidator");
        Eip712Domain domain = Eip712Domain.oracleHub(own.book.chainId(), own.book.oracleHub());
        List<Signature> current = List.of(EpochReports.sign(report, domain, ChainKeys.anvil(7).getEcKeyPair()),
                EpochReports.sign(report, domain, ChainKeys.anvil(8).getEcKeyPair()));
        own.hub(SETTLER).submitReport(report, current);
        assertThat(own.hub(SETTLER).rootOf(epoch)).contains(report.root());
    }

    @Test
    void aHubNeedsAnEpochLengthAndAGenesisThatHasCome() {
        var governance = ChainFixtures.abi(f.book.governance());
        var validators = new DynamicArray<>(org.web3j.abi.datatypes.Address.class,
                TestChain.validatorAddresses().stream().map(ChainFixtures::abi).toList());
        long now = f.chain.timestamp();

        assertReverts(() -> f.deploy(OracleHub.BINARY, governance, new Uint64(now), new Uint32(0), validators, new Uint256(3)),
                "InvalidValidatorSet");
        assertReverts(() -> f.deploy(OracleHub.BINARY, governance, new Uint64(now + 3_600), new Uint32(3_600), validators, new Uint256(3)),
                "InvalidValidatorSet");
        Address hub = f.deploy(OracleHub.BINARY, governance, new Uint64(now), new Uint32(3_600), validators, new Uint256(3));
        assertThat(new io.flashback.chain.web3j.Web3jOracleHub(f.chain.account(SETTLER), hub).currentEpoch()).isZero();
    }

    @Test
    void aDeploymentRejectsAnUnsafeThreshold() {
        var plan = DeploymentPlan.local(TestChain.validatorAddresses(), 4, List.of());
        assertReverts(() -> f.chain.deploy(plan), "InvalidThreshold");
    }

    private static String catchError(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        try {
            call.call();
        } catch (ChainException.Reverted e) {
            return e.error();
        } catch (Throwable e) {
            return e.toString();
        }
        return "no revert";
    }
}
