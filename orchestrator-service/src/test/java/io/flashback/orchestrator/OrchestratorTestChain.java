package io.flashback.orchestrator;

import io.flashback.chain.Address;
import io.flashback.chain.Bytes32;
import io.flashback.chain.EpochReport;
import io.flashback.chain.NodeClaim;
import io.flashback.chain.NodeId;
import io.flashback.chain.deploy.AddressBook;
import io.flashback.chain.deploy.Deployer;
import io.flashback.chain.deploy.DeploymentPlan;
import io.flashback.chain.eip712.Eip712Domain;
import io.flashback.chain.eip712.EpochReports;
import io.flashback.chain.eip712.NodeClaims;
import io.flashback.chain.web3j.ChainKeys;
import io.flashback.chain.web3j.InMemoryTransactionJournal;
import io.flashback.chain.web3j.TransactionSettings;
import io.flashback.chain.web3j.Web3jNodeRegistry;
import io.flashback.chain.web3j.Web3jOracleHub;
import io.flashback.chain.web3j.Web3jSlaEscrow;
import io.flashback.chain.web3j.Web3jTransactions;
import io.flashback.infra.anvil.Anvil;
import io.flashback.infra.anvil.AnvilAccounts;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.http.HttpService;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * One anvil per test JVM with one contract set, and the wallets of the parties the orchestrator only
 * watches: the consumer funds and cancels, the provider claims nodes, deposits collateral and accepts.
 */
public final class OrchestratorTestChain {

    public static final int GOVERNANCE = 0;
    public static final int PROVIDER = 1;
    public static final int CONSUMER = 2;
    public static final BigInteger DEPOSIT = BigInteger.valueOf(100_000).multiply(BigInteger.TEN.pow(18));

    private static OrchestratorTestChain instance;

    /** The deployment's one validator (k = 1): anvil account 6. */
    public static final int VALIDATOR = 6;

    private final Anvil anvil;
    private final HttpService service;
    private final Web3j web3j;
    private final AddressBook book;
    private final Map<Integer, Web3jTransactions> accounts = new ConcurrentHashMap<>();

    private OrchestratorTestChain(Anvil anvil) {
        this.anvil = anvil;
        this.service = new HttpService(anvil.rpcUrl());
        this.web3j = Web3j.build(service);
        this.book = Deployer.deployAll(account(GOVERNANCE), DeploymentPlan.local(List.of(Address.of(ChainKeys.anvil(6).getAddress())), 1,
                IntStream.range(0, 4).mapToObj(i -> account(i).address()).toList()));
    }

    public static synchronized OrchestratorTestChain get() {
        if (instance == null) {
            try {
                Path work = Files.createDirectories(Path.of("target", "anvil", "run-" + System.nanoTime()));
                Anvil anvil = Anvil.start(work, 0, null);
                Runtime.getRuntime().addShutdownHook(new Thread(anvil::close));
                instance = new OrchestratorTestChain(anvil);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    public String rpcUrl() {
        return anvil.rpcUrl();
    }

    public AddressBook book() {
        return book;
    }

    public Web3jTransactions account(int index) {
        return accounts.computeIfAbsent(index, i -> new Web3jTransactions(web3j, ChainKeys.fromHex(AnvilAccounts.PRIVATE_KEYS.get(i)),
                Anvil.CHAIN_ID, TransactionSettings.defaults().withReceiptTimeout(Duration.ofSeconds(20)), new InMemoryTransactionJournal()));
    }

    public Address address(int index) {
        return account(index).address();
    }

    public Web3jSlaEscrow escrow(int account) {
        return new Web3jSlaEscrow(account(account), book.escrow());
    }

    public long currentEpoch() {
        return new Web3jOracleHub(account(CONSUMER), book.oracleHub()).currentEpoch();
    }

    /**
     * Posts an epoch's result root on OracleHub as the validators' quorum does: k (here 1) validator signatures over
     * EIP-712 {@code EpochReport}, after moving the chain's clock past the epoch's end (the hub takes finished epochs only).
     */
    public void postRoot(long epoch, Bytes32 root) {
        Web3jOracleHub hub = new Web3jOracleHub(account(VALIDATOR), book.oracleHub());
        Instant end = hub.epochStart(epoch + 1);
        long seconds = Duration.between(now(), end).toSeconds() + 1;
        if (seconds > 0) {
            rpc("evm_increaseTime", List.of(seconds));
            rpc("evm_mine", List.of());
        }
        EpochReport report = new EpochReport(epoch, root);
        hub.submitReport(report, List.of(EpochReports.sign(report, Eip712Domain.oracleHub(book.chainId(), book.oracleHub()),
                ChainKeys.anvil(VALIDATOR).getEcKeyPair())));
    }

    private void rpc(String method, List<?> params) {
        try {
            Response<?> response = new Request<>(method, params, service, RawResponse.class).send();
            if (response.hasError()) {
                throw new IllegalStateException(method + ": " + response.getError().getMessage());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static final class RawResponse extends Response<Object> {
    }

    /** A new node bound to the provider's wallet, with collateral deposited for many agreements. */
    public UUID providerNode() {
        try {
            ECKeyPair nodeKey = Keys.createEcKeyPair();
            Address nodeAddress = Address.of(Keys.getAddress(nodeKey));
            UUID id = NodeClaims.nodeUuidOf(nodeAddress); // the only id the registry lets this key claim
            NodeId node = NodeId.of(id);
            Web3jNodeRegistry registry = new Web3jNodeRegistry(account(PROVIDER), book.registry());
            NodeClaim claim = new NodeClaim(node, nodeAddress, address(PROVIDER), registry.claimNonce(nodeAddress), now().plus(Duration.ofHours(1)));
            registry.claimNode(NodeClaims.sign(claim, Eip712Domain.bridgeNodeRegistry(book.chainId(), book.registry()), nodeKey));
            registry.depositCollateral(node, DEPOSIT, "collateral-" + id);
            return id;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public long headBlock() {
        try {
            return web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Instant now() {
        try {
            return Instant.ofEpochSecond(web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock()
                    .getTimestamp().longValueExact());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
