package io.flashback.chain;

import io.flashback.chain.deploy.AddressBook;
import io.flashback.chain.eip712.Eip712Domain;
import io.flashback.chain.eip712.EpochReports;
import io.flashback.chain.eip712.NodeClaims;
import io.flashback.chain.merkle.EpochResultTree;
import io.flashback.chain.web3j.ChainKeys;
import io.flashback.chain.web3j.RevertDecoder;
import io.flashback.chain.web3j.Web3jNodeRegistry;
import io.flashback.chain.web3j.Web3jOracleHub;
import io.flashback.chain.web3j.Web3jSlaEscrow;
import org.assertj.core.api.ThrowableAssert;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A fresh deployment and the steps most tests start from. */
public final class ChainFixtures {

    public static final BigInteger PRICE = TestChain.tokens(100, 6);         // 100 fUSD per epoch
    public static final BigInteger COLLATERAL = TestChain.tokens(1_000, 18);  // 1 000 FLASH
    public static final BigInteger SLASH = TestChain.tokens(300, 18);         // per breached epoch
    public static final int SLASH_BELOW_PPM = 950_000;

    public final TestChain chain = TestChain.get();
    public final AddressBook book;

    public ChainFixtures() {
        this.book = chain.deploy();
    }

    public ChainFixtures(AddressBook book) {
        this.book = book;
    }

    public Web3jNodeRegistry registry(int account) {
        return new Web3jNodeRegistry(chain.account(account), book.registry());
    }

    public Web3jSlaEscrow escrow(int account) {
        return new Web3jSlaEscrow(chain.account(account), book.escrow());
    }

    public Web3jOracleHub hub(int account) {
        return new Web3jOracleHub(chain.account(account), book.oracleHub());
    }

    public Eip712Domain registryDomain() {
        return Eip712Domain.bridgeNodeRegistry(book.chainId(), book.registry());
    }

    public static ECKeyPair newNodeKey() {
        try {
            return Keys.createEcKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Address addressOf(ECKeyPair key) {
        return Address.of(Keys.getAddress(key));
    }

    public SignedNodeClaim signedClaim(NodeId node, ECKeyPair nodeKey, int provider) {
        NodeClaim claim = new NodeClaim(node, addressOf(nodeKey), chain.address(provider),
                registry(provider).claimNonce(addressOf(nodeKey)), Instant.ofEpochSecond(chain.timestamp() + 3600));
        return NodeClaims.sign(claim, registryDomain(), nodeKey);
    }

    /** A claim of the node id of {@code nodeKey} (the only id the registry lets that key claim). */
    public SignedNodeClaim signedClaim(ECKeyPair nodeKey, int provider) {
        return signedClaim(NodeClaims.nodeIdOf(addressOf(nodeKey)), nodeKey, provider);
    }

    public NodeId claimedNode(int provider) {
        SignedNodeClaim claim = signedClaim(newNodeKey(), provider);
        registry(provider).claimNode(claim);
        return claim.claim().nodeId();
    }

    public NodeId nodeWithCollateral(int provider, BigInteger collateral) {
        NodeId node = claimedNode(provider);
        registry(provider).depositCollateral(node, collateral, "initial-" + node);
        return node;
    }

    public long currentEpoch() {
        return hub(SETTLER_ACCOUNT).currentEpoch();
    }

    private static final int SETTLER_ACCOUNT = TestChain.SETTLER;

    public AgreementTerms terms(NodeId node, long startEpoch, int epochs) {
        return new AgreementTerms(AgreementRef.of(UUID.randomUUID()), chain.address(TestChain.CONSUMER), node,
                book.paymentToken(), PRICE, epochs, startEpoch, COLLATERAL, SLASH_BELOW_PPM, SLASH, CreditTier.AWS_LIKE);
    }

    /** A node with collateral and an accepted agreement of {@code epochs} epochs starting next epoch. */
    public AgreementId activeAgreement(int epochs) {
        NodeId node = nodeWithCollateral(TestChain.PROVIDER, COLLATERAL.multiply(BigInteger.TWO));
        AgreementId id = escrow(TestChain.CONSUMER).createAgreement(terms(node, currentEpoch() + 1, epochs));
        escrow(TestChain.PROVIDER).accept(id);
        return id;
    }

    public List<Signature> signatures(EpochReport report, int count) {
        Eip712Domain domain = Eip712Domain.oracleHub(book.chainId(), book.oracleHub());
        return TestChain.VALIDATORS.subList(0, count).stream()
                .map(i -> EpochReports.sign(report, domain, ChainKeys.anvil(i).getEcKeyPair()))
                .toList();
    }

    /** Lets the epoch end and posts its root with the threshold's signatures. */
    public EpochResultTree report(long epoch, List<EpochResult> results) {
        EpochResultTree tree = EpochResultTree.build(book.escrow(), epoch, results);
        endEpoch(epoch);
        hub(TestChain.SETTLER).submitReport(tree.report(), signatures(tree.report(), book.threshold()));
        return tree;
    }

    public void endEpoch(long epoch) {
        chain.advanceTo(hub(TestChain.SETTLER).epochStart(epoch + 1).getEpochSecond());
    }

    public void startEpoch(long epoch) {
        chain.advanceTo(hub(TestChain.SETTLER).epochStart(epoch).getEpochSecond());
    }

    public Duration epochLength() {
        return Duration.ofSeconds(book.epochLengthSeconds());
    }

    /** Generated wrappers used to encode calls that bypass the adapters' idempotency checks. */
    public io.flashback.chain.web3j.contracts.SlaEscrow escrowCalls() {
        return io.flashback.chain.web3j.contracts.SlaEscrow.load(book.escrow().value(), chain.web3j(),
                new org.web3j.tx.ReadonlyTransactionManager(chain.web3j(), Address.ZERO.value()),
                new org.web3j.tx.gas.StaticGasProvider(BigInteger.ZERO, BigInteger.ZERO));
    }

    public io.flashback.chain.web3j.contracts.BridgeNodeRegistry registryCalls() {
        return io.flashback.chain.web3j.contracts.BridgeNodeRegistry.load(book.registry().value(), chain.web3j(),
                new org.web3j.tx.ReadonlyTransactionManager(chain.web3j(), Address.ZERO.value()),
                new org.web3j.tx.gas.StaticGasProvider(BigInteger.ZERO, BigInteger.ZERO));
    }

    public io.flashback.chain.web3j.contracts.OracleHub hubCalls() {
        return io.flashback.chain.web3j.contracts.OracleHub.load(book.oracleHub().value(), chain.web3j(),
                new org.web3j.tx.ReadonlyTransactionManager(chain.web3j(), Address.ZERO.value()),
                new org.web3j.tx.gas.StaticGasProvider(BigInteger.ZERO, BigInteger.ZERO));
    }

    public io.flashback.chain.web3j.contracts.FlashToken erc20(Address token) {
        return io.flashback.chain.web3j.contracts.FlashToken.load(token.value(), chain.web3j(),
                new org.web3j.tx.ReadonlyTransactionManager(chain.web3j(), Address.ZERO.value()),
                new org.web3j.tx.gas.StaticGasProvider(BigInteger.ZERO, BigInteger.ZERO));
    }

    public BigInteger balance(Address token, int account) {
        try {
            return erc20(token).balanceOf(chain.address(account).value()).send();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends encoded {@code data} from {@code account} straight through its transaction manager. */
    public org.web3j.protocol.core.methods.response.TransactionReceipt send(int account, Address to, String data) {
        return chain.account(account).send(null, to.value(), data);
    }

    /** The receipt of a transaction an adapter mined. */
    public org.web3j.protocol.core.methods.response.TransactionReceipt receipt(TxOutcome outcome) {
        assertThat(outcome).isInstanceOf(TxOutcome.Mined.class);
        try {
            return chain.web3j().ethGetTransactionReceipt(((TxOutcome.Mined) outcome).transactionHash()).send()
                    .getTransactionReceipt().orElseThrow();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Runs encoded {@code data} as an eth_call (views) and returns the raw result; a revert is decoded by error name. */
    public String call(Address to, String data) {
        try {
            var call = org.web3j.protocol.core.methods.request.Transaction.createEthCallTransaction(Address.ZERO.value(), to.value(), data);
            var response = chain.web3j().ethCall(call, org.web3j.protocol.core.DefaultBlockParameterName.LATEST).send();
            if (response.hasError()) {
                Object revert = response.getError().getData();
                throw RevertDecoder.decode(revert instanceof String s ? s : null, response.getError().getMessage());
            }
            return response.getValue();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Deploys {@code binary} with the ABI-encoded constructor {@code arguments} from the governance account. */
    public Address deploy(String binary, org.web3j.abi.datatypes.Type<?>... arguments) {
        String init = binary + org.web3j.abi.FunctionEncoder.encodeConstructor(List.of(arguments));
        return Address.of(chain.account(TestChain.GOVERNANCE).deploy(null, init).getContractAddress());
    }

    public static org.web3j.abi.datatypes.Address abi(Address address) {
        return new org.web3j.abi.datatypes.Address(address.value());
    }

    public static void assertReverts(ThrowableAssert.ThrowingCallable call, String error) {
        assertThatThrownBy(call).isInstanceOf(ChainException.Reverted.class)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((ChainException.Reverted) e).error())
                        .as(e.getMessage()).isEqualTo(error));
    }
}
