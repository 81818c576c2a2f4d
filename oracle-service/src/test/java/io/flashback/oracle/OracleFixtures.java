package io.flashback.oracle;

import io.flashback.chain.Address;
import io.flashback.chain.AgreementId;
import io.flashback.chain.AgreementRef;
import io.flashback.chain.AgreementTerms;
import io.flashback.chain.CreditTier;
import io.flashback.chain.NodeClaim;
import io.flashback.chain.NodeId;
import io.flashback.chain.deploy.AddressBook;
import io.flashback.chain.eip712.Eip712Domain;
import io.flashback.chain.eip712.NodeClaims;
import io.flashback.chain.web3j.Web3jNodeRegistry;
import io.flashback.chain.web3j.Web3jOracleHub;
import io.flashback.chain.web3j.Web3jSlaEscrow;
import io.flashback.oracle.epoch.EpochInputs;
import io.flashback.oracle.epoch.OracleAgreement;
import io.flashback.oracle.evaluation.Audit;
import io.flashback.oracle.evaluation.NodeSample;
import io.flashback.oracle.evaluation.Probe;
import io.flashback.oracle.evaluation.Terms;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.flashback.oracle.OracleTestChain.CONSUMER;
import static io.flashback.oracle.OracleTestChain.PROVIDER;

/** Agreements created, funded and accepted on a deployment through the chain client, and the inputs the oracle judges them by. */
public final class OracleFixtures {

    public static final BigInteger PRICE = BigInteger.valueOf(100).multiply(BigInteger.TEN.pow(6));        // 100 fUSD per epoch
    public static final BigInteger COLLATERAL = BigInteger.valueOf(1_000).multiply(BigInteger.TEN.pow(18)); // 1 000 FLASH
    public static final BigInteger SLASH = BigInteger.valueOf(300).multiply(BigInteger.TEN.pow(18));        // per breached epoch
    public static final int FEE_BPS = 200;
    /** The oracle's view of the on-chain terms: AWS-like credits, slash below 95 %. */
    public static final Terms TERMS = new Terms(99.9, 50, 10, 20, 99,
            List.of(new Terms.CreditTier(99.9, 10), new Terms.CreditTier(99.0, 25), new Terms.CreditTier(95.0, 100)), 95.0);

    public final OracleTestChain chain = OracleTestChain.get();
    public final AddressBook book;

    public OracleFixtures(AddressBook book) {
        this.book = book;
    }

    public Web3jSlaEscrow escrow(int account) {
        return new Web3jSlaEscrow(chain.account(account), book.escrow());
    }

    public Web3jOracleHub hub(int account) {
        return new Web3jOracleHub(chain.account(account), book.oracleHub());
    }

    public Web3jNodeRegistry registry(int account) {
        return new Web3jNodeRegistry(chain.account(account), book.registry());
    }

    /** A node of the provider with collateral and an accepted one-epoch agreement starting next epoch. */
    public OracleAgreement activeAgreement() {
        return activeAgreement(1);
    }

    /** A node of the provider with collateral and an accepted agreement of {@code epochs} epochs starting next epoch. */
    public OracleAgreement activeAgreement(int epochs) {
        ECKeyPair nodeKey;
        try {
            nodeKey = Keys.createEcKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        Address nodeAddress = Address.of(Keys.getAddress(nodeKey));
        NodeId node = NodeClaims.nodeIdOf(nodeAddress); // the only id the registry lets this key claim
        var registry = registry(PROVIDER);
        NodeClaim claim = new NodeClaim(node, nodeAddress, chain.address(PROVIDER), registry.claimNonce(nodeAddress),
                chain.now().plus(Duration.ofHours(1)));
        registry.claimNode(NodeClaims.sign(claim, Eip712Domain.bridgeNodeRegistry(book.chainId(), book.registry()), nodeKey));
        registry.depositCollateral(node, COLLATERAL, "collateral-" + node);
        long start = hub(CONSUMER).currentEpoch() + 1;
        AgreementId id = escrow(CONSUMER).createAgreement(new AgreementTerms(AgreementRef.of(UUID.randomUUID()), chain.address(CONSUMER), node,
                book.paymentToken(), PRICE, epochs, start, COLLATERAL, 950_000, SLASH, CreditTier.AWS_LIKE));
        escrow(PROVIDER).accept(id);
        return new OracleAgreement(id, node, TERMS, start, epochs);
    }

    /** Lets the agreement's epoch run out on the chain; returns the chain's time afterwards. */
    public Instant endEpoch(long epoch) {
        chain.advanceTo(hub(CONSUMER).epochStart(epoch + 1));
        return chain.now();
    }

    public BigInteger balance(Address token, int account) {
        return escrow(account).balanceOf(token, chain.address(account));
    }

    /**
     * An hour of traffic: every minute 100 requests of which {@code failingPercent} fail with a server
     * error, a successful probe per minute, and 10 passed audits.
     */
    public static EpochInputs.Inputs traffic(Instant start, Duration length, int failingPercent) {
        List<NodeSample> samples = new ArrayList<>();
        List<Probe> probes = new ArrayList<>();
        List<Audit> audits = new ArrayList<>();
        long minutes = length.toMinutes();
        for (int minute = 0; minute < minutes; minute++) {
            Instant at = start.plus(Duration.ofMinutes(minute));
            samples.add(new NodeSample(at, 100, failingPercent, 0, 100 * 20, 40, 80));
            probes.add(new Probe(at.plusSeconds(30), "eu-west", true, 20, 0, 60));
            if (minute % Math.max(1, minutes / 10) == 0 && audits.size() < 10) {
                audits.add(new Audit(at.plusSeconds(10), true));
            }
        }
        return new EpochInputs.Inputs(samples, probes, audits);
    }

    /** Only failing probes: the node answers nothing for the whole epoch. */
    public static EpochInputs.Inputs unreachable(Instant start, Duration length) {
        List<Probe> probes = new ArrayList<>();
        for (int minute = 0; minute < length.toMinutes(); minute++) {
            probes.add(new Probe(start.plus(Duration.ofMinutes(minute)).plusSeconds(30), "eu-west", false, 0, 0, 0));
        }
        return new EpochInputs.Inputs(List.of(), probes, List.of(new Audit(start.plusSeconds(60), false)));
    }

    public static BigInteger fee(BigInteger earned) {
        return earned.multiply(BigInteger.valueOf(FEE_BPS)).divide(BigInteger.valueOf(10_000));
    }
}
